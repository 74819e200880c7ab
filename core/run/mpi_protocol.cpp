#include "run/mpi_protocol.h"

#include <fmt/core.h>

#include <cstring>
#include <thread>

namespace geneft {
namespace {

template <class T>
void Append(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T>
bool Read(const std::string& in, size_t* pos, T* value) {
  if (in.size() - *pos < sizeof *value) return false;
  std::memcpy(value, in.data() + *pos, sizeof *value);
  *pos += sizeof *value;
  return true;
}

}  // namespace

bool MpiOptions::IsValid(std::string* err) const {
  if (threads < 1) *err = fmt::format("mpi threads = {}: must be >= 1", threads);
  else if (!(heartbeat_seconds > 0)) *err = fmt::format("mpi heartbeat = {} s: must be > 0", heartbeat_seconds);
  else if (!(timeout_seconds > heartbeat_seconds))
    *err = fmt::format("mpi timeout = {} s: must be longer than the {} s heartbeat", timeout_seconds,
                       heartbeat_seconds);
  else if (!(poll_seconds > 0)) *err = fmt::format("mpi poll = {} s: must be > 0", poll_seconds);
  else if (!(stop_grace_seconds >= 0))
    *err = fmt::format("mpi stop grace = {} s: must be >= 0", stop_grace_seconds);
  else return true;
  return false;
}

double SecondsSince(MpiClock::time_point t) {
  return std::chrono::duration<double>(MpiClock::now() - t).count();
}

std::string PackJob(uint64_t job, uint64_t key) {
  std::string out;
  Append(&out, job);
  Append(&out, key);
  return out;
}

bool UnpackJob(const std::string& bytes, uint64_t* job, uint64_t* key) {
  size_t pos = 0;
  return Read(bytes, &pos, job) && Read(bytes, &pos, key) && pos == bytes.size();
}

std::string PackResult(const MpiResult& r) {
  std::string out;
  Append(&out, r.job);
  Append(&out, static_cast<uint8_t>(r.finished));
  Append(&out, r.idle_seconds);
  out += r.bytes;
  return out;
}

bool UnpackResult(const std::string& payload, MpiResult* r) {
  size_t pos = 0;
  uint8_t finished = 0;
  if (!Read(payload, &pos, &r->job) || !Read(payload, &pos, &finished) ||
      !Read(payload, &pos, &r->idle_seconds))
    return false;
  r->finished = finished != 0;
  r->bytes.assign(payload, pos);
  return true;
}

bool PollMessage(const boost::mpi::communicator& world, MpiMessage* out) {
  const boost::optional<boost::mpi::status> probed = world.iprobe(boost::mpi::any_source, boost::mpi::any_tag);
  if (!probed) return false;
  const int size = probed->count<char>().value_or(0);
  out->source = probed->source();
  out->tag = probed->tag();
  out->bytes.assign(size, '\0');
  world.recv(out->source, out->tag, out->bytes.data(), size);
  return true;
}

void MpiOutbox::Send(int dest, MpiTag tag, std::string bytes) {
  Pending& p = pending_.emplace_back(Pending{{}, std::move(bytes)});
  p.request = world_.isend(dest, tag, p.bytes.data(), static_cast<int>(p.bytes.size()));
}

void MpiOutbox::Progress() {
  pending_.remove_if([](Pending& p) { return static_cast<bool>(p.request.test()); });
}

bool MpiOutbox::Flush(double seconds) {
  const auto start = MpiClock::now();
  for (Progress(); !pending_.empty() && SecondsSince(start) < seconds; Progress())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (Pending& p : pending_) p.request.cancel();
  const bool all = pending_.empty();
  pending_.clear();
  return all;
}

}  // namespace geneft
