#pragma once
// Private to the shell: from our keys to ImGui's, and injecting a FrameInput into ImGui's IO.

#include "guichet/ui/Input.hpp"

namespace guichet::ui {

/// The ImGuiKey_ for a Key.
int imguiKey(Key key);

/// The index of `key` in io.KeysDown for the current context.
int keyIndex(Key key);

/// Replaces the current ImGui context's mouse and key state with `input`. Call after the platform
/// backend's NewFrame (it would overwrite the mouse) and before ImGui::NewFrame.
void injectInput(const FrameInput& input);

} // namespace guichet::ui
