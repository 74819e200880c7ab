// ELF header checks and the exported-symbol list (elf_file.h).
#include "plugin/elf_file.h"

#include "util/error_text.h"

#include <elf.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace geneft {
namespace {

// The e_machine of the libraries this build of the host can load.
constexpr uint16_t kHostMachine =
#if defined(__x86_64__)
    EM_X86_64;
#elif defined(__aarch64__)
    EM_AARCH64;
#elif defined(__riscv) && __riscv_xlen == 64
    EM_RISCV;
#elif defined(__powerpc64__)
    EM_PPC64;
#elif defined(__s390x__)
    EM_S390;
#else
#error "plugin/elf_file.cpp: name this architecture's ELF e_machine in kHostMachine"
#endif

constexpr unsigned char kHostByteOrder =
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB;

std::string MachineName(uint16_t machine) {
  switch (machine) {
    case EM_386: return "x86 (32-bit)";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "ARM (32-bit)";
    case EM_AARCH64: return "AArch64";
    case EM_RISCV: return "RISC-V";
    case EM_PPC64: return "PowerPC 64";
    case EM_S390: return "s390x";
  }
  return "ELF machine " + std::to_string(machine);
}

std::string TypeName(uint16_t type) {
  switch (type) {
    case ET_EXEC: return "an ELF executable, not a shared library";
    case ET_REL: return "an ELF object file, not a shared library (link it with -shared)";
    case ET_CORE: return "an ELF core dump, not a shared library";
  }
  return "ELF type " + std::to_string(type) + ", not a shared library";
}

// Reads `size` bytes at `offset`; false when the file is shorter.
bool ReadAt(std::ifstream& in, uint64_t offset, void* out, size_t size) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(static_cast<char*>(out), static_cast<std::streamsize>(size));
  return in.gcount() == static_cast<std::streamsize>(size);
}

// The identification bytes and header: what the file is, before any offset
// in it is trusted.
bool CheckHeader(std::ifstream& in, uint64_t file_size, Elf64_Ehdr* header, std::string* why) {
  unsigned char ident[EI_NIDENT] = {};
  if (!ReadAt(in, 0, ident, SELFMAG) || std::memcmp(ident, ELFMAG, SELFMAG) != 0)
    return *why = "not an ELF file (a shared library starts with \\x7fELF)", false;
  if (!ReadAt(in, 0, ident, EI_NIDENT))
    return *why = "truncated: " + std::to_string(file_size) + " bytes, shorter than an ELF header",
           false;
  if (ident[EI_CLASS] != ELFCLASS64)
    return *why = std::string(ident[EI_CLASS] == ELFCLASS32 ? "a 32-bit ELF file"
                                                            : "an ELF file of unknown class") +
                  "; this host loads 64-bit libraries",
           false;
  if (ident[EI_DATA] != kHostByteOrder)
    return *why = std::string("an ELF file of the other byte order (") +
                  (ident[EI_DATA] == ELFDATA2MSB ? "big" : "little") + "-endian) than this host",
           false;
  if (!ReadAt(in, 0, header, sizeof *header))
    return *why = "truncated: " + std::to_string(file_size) + " bytes, shorter than an ELF header",
           false;
  if (header->e_machine != kHostMachine)
    return *why = "built for " + MachineName(header->e_machine) + "; this host is " +
                  MachineName(kHostMachine),
           false;
  if (header->e_type != ET_DYN) return *why = TypeName(header->e_type), false;
  return true;
}

// Every PT_LOAD segment's file bytes must exist: the loader maps them.
bool CheckSegments(std::ifstream& in, uint64_t file_size, const Elf64_Ehdr& header,
                   std::string* why) {
  if (header.e_phentsize != sizeof(Elf64_Phdr))
    return *why = "program header entries of " + std::to_string(header.e_phentsize) +
                  " bytes; ELF64 has " + std::to_string(sizeof(Elf64_Phdr)),
           false;
  const uint64_t table_end = header.e_phoff + uint64_t{header.e_phnum} * sizeof(Elf64_Phdr);
  if (header.e_phoff > file_size || table_end > file_size)
    return *why = "truncated: the program headers end at byte " + std::to_string(table_end) +
                  " but the file has " + std::to_string(file_size) + " bytes",
           false;
  int loadable = 0;
  for (uint16_t i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment;
    ReadAt(in, header.e_phoff + uint64_t{i} * sizeof segment, &segment, sizeof segment);
    if (segment.p_type != PT_LOAD) continue;
    ++loadable;
    if (segment.p_offset > file_size || segment.p_filesz > file_size - segment.p_offset)
      return *why = "truncated: loadable segment " + std::to_string(loadable) + " ends at byte " +
                    std::to_string(segment.p_offset + segment.p_filesz) + " but the file has " +
                    std::to_string(file_size) + " bytes",
             false;
  }
  if (loadable == 0) return *why = "an ELF file without a loadable segment", false;
  return true;
}

}  // namespace

bool CheckLoadableElf(const std::filesystem::path& path, std::string* summary, std::string* why) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec) return *why = ErrorText(ec), false;
  if (std::filesystem::is_directory(status)) return *why = "a directory, not a library file", false;
  if (!std::filesystem::is_regular_file(status)) return *why = "not a regular file", false;
  const uint64_t file_size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (!ec && !in) ec = std::error_code(errno, std::generic_category());
  if (ec) return *why = "cannot be read: " + ErrorText(ec), false;

  Elf64_Ehdr header;
  if (!CheckHeader(in, file_size, &header, why) || !CheckSegments(in, file_size, header, why))
    return false;
  *summary = "ELF64 shared library for " + MachineName(kHostMachine);
  return true;
}

bool ExportedSymbols(const std::filesystem::path& path, std::vector<std::string>* names) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Elf64_Ehdr header;
  if (bytes.size() < sizeof header) return false;
  std::memcpy(&header, bytes.data(), sizeof header);
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_shentsize != sizeof(Elf64_Shdr) ||
      header.e_shoff + size_t{header.e_shnum} * sizeof(Elf64_Shdr) > bytes.size())
    return false;
  std::vector<Elf64_Shdr> sections(header.e_shnum);
  std::memcpy(sections.data(), bytes.data() + header.e_shoff, sections.size() * sizeof(Elf64_Shdr));
  for (const Elf64_Shdr& section : sections) {
    if (section.sh_type != SHT_DYNSYM || section.sh_link >= sections.size()) continue;
    const Elf64_Shdr& strings = sections[section.sh_link];
    if (section.sh_offset + section.sh_size > bytes.size() ||
        strings.sh_offset + strings.sh_size > bytes.size())
      return false;
    for (size_t off = 0; off + sizeof(Elf64_Sym) <= section.sh_size; off += sizeof(Elf64_Sym)) {
      Elf64_Sym sym;
      std::memcpy(&sym, bytes.data() + section.sh_offset + off, sizeof sym);
      const int binding = ELF64_ST_BIND(sym.st_info);
      const bool global = binding == STB_GLOBAL || binding == STB_WEAK || binding == STB_GNU_UNIQUE;
      if (!global || sym.st_shndx == SHN_UNDEF || ELF64_ST_VISIBILITY(sym.st_other) == STV_HIDDEN ||
          sym.st_name >= strings.sh_size)
        continue;
      names->emplace_back(bytes.c_str() + strings.sh_offset + sym.st_name);
    }
  }
  return true;
}

}  // namespace geneft
