#pragma once
// The handheld barcode reader through evdev: its /dev/input/by-id/*-event-kbd node, grabbed exclusively
// so its keystrokes never reach the desk's text fields. The twin replays a recorded event sequence.

#include "guichet/core/ports/CodeReader.hpp"
#include "guichet/hardware/KeyDecoder.hpp"

#include <memory>
#include <string>
#include <vector>

namespace guichet::hardware {

/// The keyboard-like input nodes with stable names (/dev/input/by-id/*-event-kbd), sorted.
std::vector<std::string> listKeyboardInputs();

class EvdevReader final : public CodeReader {
public:
    explicit EvdevReader(std::string path);
    ~EvdevReader() override;
    EvdevReader(const EvdevReader&) = delete;
    EvdevReader& operator=(const EvdevReader&) = delete;

    /// Opens and grabs the device on first use and again after it was unplugged. Permission denied says
    /// to install the udev rule or to use the prefix/suffix fallback (docs/HARDWARE.md).
    Result<std::optional<std::string>> next(std::chrono::milliseconds timeout) override;

private:
    Result<void> open();
    void close();
    std::string path_;
    int fd_ = -1;
    struct Device;
    std::unique_ptr<Device> device_;
    ScanDecoder decoder_;
};

/// The twin: replays recorded events, waiting between them as recorded when `realTime`.
class ReplayReader final : public CodeReader {
public:
    explicit ReplayReader(std::vector<KeyEvent> events, bool realTime = false)
        : events_(std::move(events)), realTime_(realTime) {}
    /// The next code in the recording; nullopt once it is played out.
    Result<std::optional<std::string>> next(std::chrono::milliseconds timeout) override;

private:
    std::vector<KeyEvent> events_;
    std::size_t at_ = 0;
    bool realTime_;
    ScanDecoder decoder_;
};

} // namespace guichet::hardware
