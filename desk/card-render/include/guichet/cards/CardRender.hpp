#pragma once
// Printable QR cards: one ID-1 card (85.6 × 54 mm) as PNG (300 dpi by default) or PDF, and A4
// sheets of 10 cards (2 × 5) with the card outlines as cut lines. The face shows the QR code, the
// person's first name, the structure's name, a drawn pictogram and the hint "show this at the
// kiosk"; never the dossier ref or anything else personal. Fonts: DejaVu Sans (fontconfig).
// Errors are values naming the file. Thread-safe (no shared state).

#include "guichet/codes/Codes.hpp"
#include "guichet/core/Date.hpp"
#include "guichet/core/Result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace guichet::cards {

inline constexpr double kCardWidthMm = 85.6;
inline constexpr double kCardHeightMm = 54.0;

struct CardFace {
    std::string token;         ///< the QR content (a card token)
    std::string firstName;     ///< UTF-8; shrunk to fit, may be empty
    std::string structureName; ///< UTF-8; up to two lines
    std::optional<Date> issued;
    std::string code; ///< the typed fallback, grouped ("4821 0937 5562"); not printed when empty
};

enum class OutputKind { Png, Pdf };

/// From the file extension (".png" / ".pdf", any case); nullopt for anything else.
std::optional<OutputKind> outputKindOf(const std::filesystem::path& path);

/// The card as an image (BGR) at `dpi`, as it would be printed. Fails when the token does not fit
/// in a QR code or dpi is outside 72..1200.
Result<codes::Image> renderCardImage(const CardFace& face, int dpi = 300);

/// Writes one card to a .png (at `dpi`) or .pdf file.
Result<void> writeCard(const CardFace& face, const std::filesystem::path& path, int dpi = 300);

/// Writes A4 sheets of cards, 10 per page: a PDF gets as many pages as needed; a PNG holds one page,
/// so more than 10 cards to a PNG is an error. At least one card.
Result<void> writeCardSheet(const std::vector<CardFace>& faces, const std::filesystem::path& path,
                            int dpi = 300);

} // namespace guichet::cards
