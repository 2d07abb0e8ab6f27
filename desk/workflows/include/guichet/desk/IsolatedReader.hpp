#pragma once
// Reading untrusted images where a crash costs one file, not the desk. ZXing 1.4 (Debian builds
// it with assertions on) can abort() the process on some images, and a decoder can run away with
// memory or time: each file is read in a forked child that shares the parent's loaded models
// (copy on write), with a memory limit and a time budget. The child sends its readings back
// through a pipe; a crash, a kill or a reading over budget becomes an Error naming the file.
//
// The parent must not have used the image library's thread pool before forking (a pool's threads
// do not survive fork): the hot folder's process only records, every reading happens in children.

#include "guichet/core/Result.hpp"
#include "guichet/reader/Reader.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace guichet::desk {

struct IsolationLimits {
    std::chrono::milliseconds timeBudget{120000};        ///< per file, all pages
    std::size_t extraMemoryBytes = std::size_t{2} << 30; ///< address space the child may add (2 GiB)
};

/// Reads every page of an image file: the Reader, a twin in tests, or the isolated reader.
using ReadFile = std::function<Result<std::vector<reader::Reading>>(const std::string& path)>;

class IsolatedReader {
public:
    IsolatedReader(reader::Reader& reader, IsolationLimits limits = {});
    /// Any reading function (tests use one that crashes, hangs or eats memory on purpose).
    IsolatedReader(ReadFile read, IsolationLimits limits = {}) : read_(std::move(read)), limits_(limits) {}

    /// Every page of the file, read in a child process.
    Result<std::vector<reader::Reading>> readFile(const std::string& path) const;

private:
    ReadFile read_;
    IsolationLimits limits_;
};

/// The readings as bytes and back (what the child sends): every field the desk records.
std::vector<unsigned char> encodeReadings(const std::vector<reader::Reading>& readings);
Result<std::vector<reader::Reading>> decodeReadings(const std::vector<unsigned char>& bytes);

} // namespace guichet::desk
