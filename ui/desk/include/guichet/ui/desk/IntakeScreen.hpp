#pragma once
// Intake: the live camera view with the envelope found outlined and, once read, its decision drawn
// over it; what happens next (hold still, reading); the last envelopes as a strip (colour + word +
// icon, kind, tracking number, dossier); undo of the last automatic record for a few seconds; the
// scanner's hot folder. Keys: Space captures now (the app also captures by itself when the
// envelope is still and sharp), Z undoes the last automatic record while it may, B reads the hot
// folder now, Tab / ↑ ↓ move the focus and Enter presses the focused button. Nothing here touches
// a camera or a store: the app fills the view from its intake thread.

#include "guichet/core/MailItem.hpp"
#include "guichet/ui/Context.hpp"
#include "guichet/ui/desk/Common.hpp"

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace guichet::ui::desk {

/// One envelope read at the desk.
struct EnvelopeRow {
    MailItemId item = 0; ///< 0 when nothing was recorded (Failed)
    EnvelopeOutcome outcome = EnvelopeOutcome::Review;
    MailKind kind = MailKind::Courrier;
    std::string tracking;
    std::optional<DossierRef> dossier; ///< Auto and Return
    std::string note;                  ///< why it waits or goes back, or what failed (ids only)
    std::string at;                    ///< "09:41:12"
    bool operator==(const EnvelopeRow&) const = default;
};

/// The envelope found in the camera image: four corners in the preview's pixels, clockwise.
struct Outline {
    std::array<Point, 4> corners{};
    bool operator==(const Outline&) const = default;
};

enum class IntakeFocus { Capture, Undo, ReadFolder };
inline constexpr IntakeFocus kIntakeFocusOrder[] = {IntakeFocus::Capture, IntakeFocus::Undo,
                                                    IntakeFocus::ReadFolder};

struct IntakeView {
    Language language = Language::French;
    HeaderView header;
    Texture live;                     ///< the newest camera picture (preview size); id 0: none
    bool cameraLive = false;          ///< false: the header's problems say why
    std::optional<Outline> outline;   ///< in `live`'s pixels
    float stillness = 0;              ///< 0..1, how near the automatic capture is
    bool reading = false;             ///< a capture is being read
    std::optional<EnvelopeRow> shown; ///< the decision drawn over the live view (the last one, a few seconds)
    std::vector<EnvelopeRow> strip;   ///< the last envelopes, newest first
    std::optional<MailItemId> undoItem; ///< the automatic record that may still be undone
    int undoSeconds = 0;                ///< seconds left to undo it
    bool hotFolderWatched = false;
    std::string hotFolder; ///< "inbox/ — 12 lus, 0 en échec, 1 en attente"
    IntakeFocus focus = IntakeFocus::Capture;
    bool operator==(const IntakeView&) const = default;
};

struct CaptureNow {
    bool operator==(const CaptureNow&) const = default;
};
struct UndoRecord {
    MailItemId item = 0;
    bool operator==(const UndoRecord&) const = default;
};
struct ReadHotFolder {
    bool operator==(const ReadHotFolder&) const = default;
};
struct MoveIntakeFocus {
    IntakeFocus target = IntakeFocus::Capture;
    bool operator==(const MoveIntakeFocus&) const = default;
};

using IntakeIntent = std::variant<SwitchScreen, CaptureNow, UndoRecord, ReadHotFolder, MoveIntakeFocus>;

/// "1 recommandé · 1A 123 456 7890 1 · dossier 1003": kind, tracking, dossier of a strip entry.
std::string envelopeLine(const EnvelopeRow& row, Language language);

/// Draws one frame; returns this frame's intents. A camera picture is drawn letterboxed in its
/// area; the outline follows it.
std::vector<IntakeIntent> intakeScreen(const IntakeView& view, const Frame& frame);

/// MoveIntakeFocus moves the focus; the others are the app's. Pure.
IntakeView applyIntakeIntent(IntakeView view, const IntakeIntent& intent);

} // namespace guichet::ui::desk
