// Reading a plugin library's ELF headers ourselves, before the system loader
// maps it. The loader trusts them: a truncated file gets segments mapped past
// its end, and the first touch of one kills the process with SIGBUS. So a
// file that is not a shared library for this machine, or is cut short, is
// refused here with the reason in words.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace geneft {

/// True when `path` is a shared library this process can map: an ELF64 file
/// of this machine's byte order and architecture, of type ET_DYN, with its
/// program headers and every PT_LOAD segment's file bytes inside the file.
/// Then *summary reads "ELF64 shared library for x86-64". Otherwise *why says
/// what the file is instead: "no such file or directory", "not an ELF file",
/// "a 32-bit ELF file; this host loads 64-bit libraries", "built for AArch64;
/// this host is x86-64", "an ELF executable, not a shared library",
/// "truncated: loadable segment 2 ends at byte 20480 but the file has 2000
/// bytes", ...
bool CheckLoadableElf(const std::filesystem::path& path, std::string* summary, std::string* why);

/// Names of the symbols an ELF64 shared library defines and exports (its
/// .dynsym entries that are defined, global/weak/unique and not hidden).
/// False when the file is not a readable ELF64 file.
bool ExportedSymbols(const std::filesystem::path& path, std::vector<std::string>* names);

}  // namespace geneft
