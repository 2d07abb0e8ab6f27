#include "guichet/ui/Input.hpp"

#include "InputMapping.hpp"

#include <cfloat>
#include <imgui.h>

namespace guichet::ui {

int imguiKey(Key key) {
    switch (key) {
    case Key::Left:
        return ImGuiKey_LeftArrow;
    case Key::Right:
        return ImGuiKey_RightArrow;
    case Key::Up:
        return ImGuiKey_UpArrow;
    case Key::Down:
        return ImGuiKey_DownArrow;
    case Key::Enter:
        return ImGuiKey_Enter;
    case Key::KeypadEnter:
        return ImGuiKey_KeyPadEnter;
    case Key::Space:
        return ImGuiKey_Space;
    case Key::Tab:
        return ImGuiKey_Tab;
    case Key::Escape:
        return ImGuiKey_Escape;
    case Key::Backspace:
        return ImGuiKey_Backspace;
    case Key::F1:
    case Key::F2:
    case Key::F3:
    case Key::F4:
    case Key::F5:
    case Key::F6:
    case Key::F7:
    case Key::F8:
        return -1; // ImGui 1.86 names no function key: see functionKeyIndex
    }
    return ImGuiKey_Escape;
}

namespace {

constexpr Key kAllKeys[] = {Key::Left,  Key::Right, Key::Up,     Key::Down,      Key::Enter, Key::KeypadEnter,
                            Key::Space, Key::Tab,   Key::Escape, Key::Backspace, Key::F1,    Key::F2,
                            Key::F3,    Key::F4,    Key::F5,     Key::F6,        Key::F7,    Key::F8};

void appendUtf8(std::string& out, unsigned int c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

int keyIndex(Key key) {
    // ImGui 1.86 has no ImGuiKey_F1: function keys are read from io.KeysDown at the index the
    // platform gives them. SDL2's backend indexes KeysDown by scancode (SDL_SCANCODE_F1 = 58...);
    // a headless Context (KeyMap[k] = k) uses the same numbers, above every ImGuiKey_.
    switch (key) {
    case Key::F1:
        return 58;
    case Key::F2:
        return 59;
    case Key::F3:
        return 60;
    case Key::F4:
        return 61;
    case Key::F5:
        return 62;
    case Key::F6:
        return 63;
    case Key::F7:
        return 64;
    case Key::F8:
        return 65;
    default:
        return ImGui::GetIO().KeyMap[imguiKey(key)];
    }
}

std::vector<FrameInput> tapFrames(Point at) {
    return {FrameInput{at, false, {}, {}}, FrameInput{at, true, {}, {}}, FrameInput{at, false, {}, {}}};
}

std::vector<FrameInput> keyFrames(Key key) {
    return {FrameInput{std::nullopt, false, {key}, {}}, FrameInput{}};
}

std::vector<FrameInput> textFrames(const std::string& text) {
    return {FrameInput{std::nullopt, false, {}, text}, FrameInput{}};
}

std::string typedText() {
    std::string out;
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters)
        appendUtf8(out, c);
    return out;
}

bool keyPressed(Key key) {
    const int index = keyIndex(key);
    return index >= 0 && ImGui::IsKeyPressed(index, false);
}

void injectInput(const FrameInput& input) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = input.mouse ? ImVec2{input.mouse->x, input.mouse->y} : ImVec2{-FLT_MAX, -FLT_MAX};
    for (bool& down : io.MouseDown)
        down = false;
    io.MouseDown[0] = input.mouseDown;
    for (Key key : kAllKeys) {
        const int index = keyIndex(key);
        if (index < 0) continue;
        bool down = false;
        for (Key held : input.keysDown)
            down = down || held == key;
        io.KeysDown[index] = down;
    }
    if (!input.text.empty()) io.AddInputCharactersUTF8(input.text.c_str());
}

} // namespace guichet::ui
