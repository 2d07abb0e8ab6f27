#include "guichet/hardware/KeyDecoder.hpp"

#include <fstream>
#include <linux/input-event-codes.h>
#include <sstream>

namespace guichet::hardware {

namespace {
struct KeyChars {
    int code;
    char plain;
    char shifted;
};

// The US layout, which readers use unless reprogrammed. Keypad keys type the same with or without shift.
constexpr KeyChars usLayout[] = {
    {KEY_1, '1', '!'},          {KEY_2, '2', '@'},           {KEY_3, '3', '#'},
    {KEY_4, '4', '$'},          {KEY_5, '5', '%'},           {KEY_6, '6', '^'},
    {KEY_7, '7', '&'},          {KEY_8, '8', '*'},           {KEY_9, '9', '('},
    {KEY_0, '0', ')'},          {KEY_MINUS, '-', '_'},       {KEY_EQUAL, '=', '+'},
    {KEY_Q, 'q', 'Q'},          {KEY_W, 'w', 'W'},           {KEY_E, 'e', 'E'},
    {KEY_R, 'r', 'R'},          {KEY_T, 't', 'T'},           {KEY_Y, 'y', 'Y'},
    {KEY_U, 'u', 'U'},          {KEY_I, 'i', 'I'},           {KEY_O, 'o', 'O'},
    {KEY_P, 'p', 'P'},          {KEY_LEFTBRACE, '[', '{'},   {KEY_RIGHTBRACE, ']', '}'},
    {KEY_A, 'a', 'A'},          {KEY_S, 's', 'S'},           {KEY_D, 'd', 'D'},
    {KEY_F, 'f', 'F'},          {KEY_G, 'g', 'G'},           {KEY_H, 'h', 'H'},
    {KEY_J, 'j', 'J'},          {KEY_K, 'k', 'K'},           {KEY_L, 'l', 'L'},
    {KEY_SEMICOLON, ';', ':'},  {KEY_APOSTROPHE, '\'', '"'}, {KEY_GRAVE, '`', '~'},
    {KEY_BACKSLASH, '\\', '|'}, {KEY_Z, 'z', 'Z'},           {KEY_X, 'x', 'X'},
    {KEY_C, 'c', 'C'},          {KEY_V, 'v', 'V'},           {KEY_B, 'b', 'B'},
    {KEY_N, 'n', 'N'},          {KEY_M, 'm', 'M'},           {KEY_COMMA, ',', '<'},
    {KEY_DOT, '.', '>'},        {KEY_SLASH, '/', '?'},       {KEY_SPACE, ' ', ' '},
    {KEY_KP0, '0', '0'},        {KEY_KP1, '1', '1'},         {KEY_KP2, '2', '2'},
    {KEY_KP3, '3', '3'},        {KEY_KP4, '4', '4'},         {KEY_KP5, '5', '5'},
    {KEY_KP6, '6', '6'},        {KEY_KP7, '7', '7'},         {KEY_KP8, '8', '8'},
    {KEY_KP9, '9', '9'},        {KEY_KPMINUS, '-', '-'},     {KEY_KPPLUS, '+', '+'},
    {KEY_KPDOT, '.', '.'},      {KEY_KPASTERISK, '*', '*'},  {KEY_KPSLASH, '/', '/'},
};
} // namespace

char usKeyChar(int code, bool shift) {
    for (const auto& k : usLayout)
        if (k.code == code) return shift ? k.shifted : k.plain;
    return '\0';
}

std::optional<std::string> ScanDecoder::feed(const KeyEvent& event) {
    if (event.code == KEY_LEFTSHIFT) leftShift_ = event.value != 0;
    if (event.code == KEY_RIGHTSHIFT) rightShift_ = event.value != 0;
    if (event.value != 1) return std::nullopt; // releases and auto-repeats type nothing
    if (!buffer_.empty() && event.micros - last_ > staleMicros_) buffer_.clear();
    last_ = event.micros;
    if (event.code == KEY_ENTER || event.code == KEY_KPENTER) {
        if (buffer_.empty()) return std::nullopt;
        std::string code = std::move(buffer_);
        buffer_.clear();
        return code;
    }
    if (char c = usKeyChar(event.code, leftShift_ || rightShift_)) buffer_ += c;
    return std::nullopt;
}

TypedCodeSplitter::Output TypedCodeSplitter::feed(char c, std::int64_t micros) {
    Output out;
    const bool framed = !options_.prefix.empty();
    if (framed) {
        if (!inFrame_) {
            pending_ += c;
            if (options_.prefix.rfind(pending_, 0) == 0) { // still a possible prefix
                if (pending_ == options_.prefix) {
                    inFrame_ = true;
                    pending_.clear();
                }
                return out;
            }
            out.typed = std::move(pending_); // not the prefix after all: it was typing
            pending_.clear();
            return out;
        }
        pending_ += c;
        const std::string& end = options_.suffix.empty() ? std::string("\n") : options_.suffix;
        if (pending_.size() >= end.size() &&
            pending_.compare(pending_.size() - end.size(), end.size(), end) == 0) {
            out.code = pending_.substr(0, pending_.size() - end.size());
            pending_.clear();
            inFrame_ = false;
        }
        return out;
    }
    // Timing: hold characters while they come as fast as a reader types; a slow one means a person.
    const std::int64_t maxBurst =
        std::chrono::duration_cast<std::chrono::microseconds>(options_.maxBurst).count();
    if (pending_.empty()) burstStart_ = micros;
    if (micros - burstStart_ > maxBurst) {
        out.typed = std::move(pending_);
        pending_.clear();
        if (c == '\n') {
            out.typed += c;
            return out;
        }
        burstStart_ = micros;
    }
    if (c == '\n') {
        if (pending_.size() >= options_.minLength)
            out.code = std::move(pending_);
        else
            out.typed += pending_ + c;
        pending_.clear();
        return out;
    }
    pending_ += c;
    return out;
}

TypedCodeSplitter::Output TypedCodeSplitter::poll(std::int64_t micros) {
    Output out;
    const std::int64_t maxBurst =
        std::chrono::duration_cast<std::chrono::microseconds>(options_.maxBurst).count();
    if (options_.prefix.empty() && !pending_.empty() && micros - burstStart_ > maxBurst) {
        out.typed = std::move(pending_);
        pending_.clear();
    }
    return out;
}

Result<std::vector<KeyEvent>> readKeyRecording(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Error{"key recording " + path + ": cannot open"};
    std::vector<KeyEvent> events;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::istringstream fields(line);
        KeyEvent e;
        if (!(fields >> e.micros)) continue; // blank line
        std::string rest;
        if (!(fields >> e.code >> e.value) || (fields >> rest) || e.value < 0 || e.value > 2)
            return Error{"key recording " + path + ":" + std::to_string(number) +
                         ": expected \"micros code value\" with value 0, 1 or 2"};
        events.push_back(e);
    }
    return events;
}

std::vector<KeyEvent> typeAsUsKeyboard(const std::string& text, std::int64_t startMicros,
                                       std::int64_t gapMicros) {
    std::vector<KeyEvent> events;
    std::int64_t t = startMicros;
    auto press = [&](int code, bool shift) {
        if (shift) events.push_back({t, KEY_LEFTSHIFT, 1});
        events.push_back({t, code, 1});
        events.push_back({t + gapMicros / 2, code, 0});
        if (shift) events.push_back({t + gapMicros / 2, KEY_LEFTSHIFT, 0});
        t += gapMicros;
    };
    for (char c : text) {
        for (const auto& k : usLayout) {
            if (k.plain == c) {
                press(k.code, false);
                break;
            }
            if (k.shifted == c) {
                press(k.code, true);
                break;
            }
        }
    }
    press(KEY_ENTER, false);
    return events;
}

} // namespace guichet::hardware
