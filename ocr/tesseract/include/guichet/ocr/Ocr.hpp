#pragma once
// guichet::ocr — Tesseract 5 behind a small, vendor-free interface.
//
//   auto engine = Engine::create({});            // ≈75 ms for "fra": create once per thread
//   auto text = engine->read(view, 300);         // single-block mode on an address block
//   for (const auto& line : text->lines) use(line.text, line.confidence);
//
// Threads: an Engine is NOT thread-safe; give each worker thread its own and reuse it. Tesseract
// also runs OpenMP threads of its own unless OMP_THREAD_LIMIT=1 is in the environment before the
// process starts (setenv in main() is too late): with several workers, set it.
// Errors: create() fails with the language and data path when the model is missing; read() fails
// on an invalid view or when Tesseract returns no result.

#include "guichet/core/Letters.hpp"
#include "guichet/core/Result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace guichet::ocr {

/// A borrowed 8-bit gray image: `height` rows of `stride` bytes (0 = width).
struct GrayView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
};

struct Word {
    std::string text;        ///< UTF-8
    float confidence = 0.0f; ///< 0..100, Tesseract's word confidence
    int x = 0, y = 0, width = 0, height = 0;
    /// What the recogniser saw, step by step (folded to letters): lets the matcher ask how well
    /// the word spells a name it did not read (see match::Spellings).
    LetterSteps steps;
    bool operator==(const Word&) const = default;
};

struct TextLine {
    std::string text;        ///< words joined by one space
    float confidence = 0.0f; ///< 0..100
    std::vector<Word> words;
    bool operator==(const TextLine&) const = default;
};

struct OcrText {
    std::vector<TextLine> lines;            ///< top to bottom
    float meanConfidence = 0.0f;            ///< over words, 0 when nothing was read
    std::vector<std::string> texts() const; ///< the lines' texts
};

enum class Layout {
    SingleBlock, ///< the image is one block of text (an address): fastest, most accurate
    Auto,        ///< full page layout analysis (a whole envelope; the bench's reference)
};

struct EngineOptions {
    std::string language = "fra";
    std::string dataPath; ///< tessdata folder; empty = Tesseract's default (TESSDATA_PREFIX or built-in)
};

class Engine {
public:
    static Result<Engine> create(const EngineOptions& options = {});

    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;
    ~Engine();

    /// Reads the image; `dpi` is passed to SetSourceResolution (70..2400). With `letterSteps`,
    /// each word also keeps what the recogniser saw step by step (Word::steps; reading takes
    /// 8 % longer with "fra+eng", 13 % with "Latin"). Words that "fra+eng" took from its second
    /// language have none (Tesseract keeps them for the first only).
    Result<OcrText> read(const GrayView& image, int dpi, Layout layout = Layout::SingleBlock,
                         bool letterSteps = false);

private:
    struct Impl;
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace guichet::ocr
