// The Tesseract adapter: TessBaseAPI lives here only. Lines come from Tesseract's own line
// iterator (single-block mode segments lines itself); empty and whitespace-only lines are dropped.
#include "guichet/core/Text.hpp"
#include "guichet/ocr/Ocr.hpp"

#include <algorithm>
#include <exception>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <unordered_map>

namespace guichet::ocr {

std::vector<std::string> OcrText::texts() const {
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (const auto& line : lines)
        out.push_back(line.text);
    return out;
}

struct Engine::Impl {
    tesseract::TessBaseAPI api;
    std::string language;
    /// Tesseract's characters → letter class (kNoLetter when not a letter), folded once each.
    std::unordered_map<std::string, int> letterClass;
    bool keepingSteps = false; ///< lstm_choice_mode is 1

    /// Each LSTM step's likely characters are kept (lstm_choice_mode 1) only when asked for.
    void keepSteps(bool keep) {
        if (keep == keepingSteps) return;
        api.SetVariable("lstm_choice_mode", keep ? "1" : "0");
        keepingSteps = keep;
    }

    int classOf(const char* character) {
        auto [it, fresh] = letterClass.try_emplace(character ? character : "", kNoLetter);
        if (fresh) {
            const std::string folded = foldForSearch(it->first);
            if (folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z') it->second = folded[0] - 'a';
        }
        return it->second;
    }

    /// The current word's LSTM steps (lstm_choice_mode 1), each folded to letter classes.
    LetterSteps stepsOf(const tesseract::ResultIterator& it) {
        LetterSteps steps;
        const auto* segments = it.GetRawLSTMTimesteps(); // owned by the word
        if (!segments) return steps;
        for (const auto& segment : *segments)
            for (const auto& choices : segment) {
                LetterStep& step = steps.emplace_back(); // zeros
                for (const auto& [character, probability] : choices)
                    step[static_cast<size_t>(classOf(character))] += probability;
            }
        return steps;
    }
};

namespace {

struct TextDeleter {
    void operator()(char* text) const { delete[] text; }
};
using TextPtr = std::unique_ptr<char, TextDeleter>;

std::string trimmed(const char* text) {
    std::string s = text ? text : "";
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

} // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() {
    if (impl_) impl_->api.End();
}

Result<Engine> Engine::create(const EngineOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->language = options.language;
    const char* dataPath = options.dataPath.empty() ? nullptr : options.dataPath.c_str();
    const int rc = impl->api.Init(dataPath, options.language.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0,
                                  nullptr, nullptr, false);
    if (rc != 0)
        return makeError("Tesseract: cannot load language '" + options.language + "' from " +
                         (dataPath ? options.dataPath : std::string("the default tessdata folder")));
    // Tesseract's stderr chatter ("Estimating resolution as ...") would mix with our JSON output.
    impl->api.SetVariable("debug_file", "/dev/null");
    impl->api.SetVariable("tessedit_do_invert", "0");
    return Engine(std::move(impl));
}

Result<OcrText> Engine::read(const GrayView& image, int dpi, Layout layout, bool letterSteps) {
    if (!image.data || image.width <= 0 || image.height <= 0 ||
        (image.stride != 0 && image.stride < image.width))
        return makeError("OCR: invalid image view");
    auto& api = impl_->api;
    impl_->keepSteps(letterSteps);
    api.SetPageSegMode(layout == Layout::SingleBlock ? tesseract::PSM_SINGLE_BLOCK : tesseract::PSM_AUTO);
    api.SetImage(image.data, image.width, image.height, 1, image.stride ? image.stride : image.width);
    api.SetSourceResolution(std::clamp(dpi, 70, 2400));
    if (api.Recognize(nullptr) != 0) {
        api.Clear();
        return makeError("OCR: Tesseract failed to recognise the image");
    }
    OcrText out;
    double confSum = 0;
    int words = 0;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it) {
        do {
            TextLine line;
            line.confidence = it->Confidence(tesseract::RIL_TEXTLINE);
            do {
                TextPtr text(it->GetUTF8Text(tesseract::RIL_WORD));
                Word w;
                w.text = trimmed(text.get());
                if (w.text.empty()) continue;
                w.confidence = it->Confidence(tesseract::RIL_WORD);
                int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
                it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1);
                w.x = x0;
                w.y = y0;
                w.width = x1 - x0;
                w.height = y1 - y0;
                if (letterSteps) w.steps = impl_->stepsOf(*it);
                confSum += w.confidence;
                ++words;
                line.text += (line.text.empty() ? "" : " ") + w.text;
                line.words.push_back(std::move(w));
            } while (!it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD) &&
                     it->Next(tesseract::RIL_WORD));
            if (!line.text.empty()) out.lines.push_back(std::move(line));
        } while (it->Next(tesseract::RIL_WORD));
    }
    out.meanConfidence = words ? static_cast<float>(confSum / words) : 0.0f;
    api.Clear();
    return out;
}

} // namespace guichet::ocr
