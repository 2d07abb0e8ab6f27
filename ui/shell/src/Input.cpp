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
    }
    return ImGuiKey_Escape;
}

std::vector<FrameInput> tapFrames(Point at) {
    return {FrameInput{at, false, {}}, FrameInput{at, true, {}}, FrameInput{at, false, {}}};
}

std::vector<FrameInput> keyFrames(Key key) {
    return {FrameInput{std::nullopt, false, {key}}, FrameInput{}};
}

bool keyPressed(Key key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(imguiKey(key)), false);
}

void injectInput(const FrameInput& input) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = input.mouse ? ImVec2{input.mouse->x, input.mouse->y} : ImVec2{-FLT_MAX, -FLT_MAX};
    for (bool& down : io.MouseDown)
        down = false;
    io.MouseDown[0] = input.mouseDown;
    for (Key key : {Key::Left, Key::Right, Key::Up, Key::Down, Key::Enter, Key::KeypadEnter, Key::Space,
                    Key::Tab, Key::Escape}) {
        const int index = io.KeyMap[imguiKey(key)];
        if (index < 0) continue;
        bool down = false;
        for (Key held : input.keysDown)
            down = down || held == key;
        io.KeysDown[index] = down;
    }
}

} // namespace guichet::ui
