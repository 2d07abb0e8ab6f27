// OCR of located blocks: character error rate against the printed lines.
#include "guichet/ocr/Ocr.hpp"

#include "Support.hpp"
#include "guichet/envelope/Envelope.hpp"

#include <catch2/catch.hpp>

using namespace guichet;

TEST_CASE("an engine for a missing language is an error naming it", "[ocr]") {
    ocr::EngineOptions options;
    options.language = "xx-nonexistent";
    auto engine = ocr::Engine::create(options);
    REQUIRE_FALSE(engine);
    CHECK(engine.error().message.find("xx-nonexistent") != std::string::npos);
}

TEST_CASE("recipient lines of clean printed scans read with a low character error rate", "[ocr]") {
    auto engine = ocr::Engine::create();
    REQUIRE(engine);
    CHECK_FALSE(engine->read({}, 300)); // invalid view
    const auto& directory = test::testDirectory();
    corpus::Options options;
    options.condition = corpus::Condition::Scan300;
    std::vector<double> rates;
    int wordsWithConfidence = 0, words = 0;
    for (int i = 2000; rates.size() < 8; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(directory, test::kSeed, i, options);
        if (s.truth.writing != "printed") continue;
        auto located = envelope::locateRecipient(s.image);
        REQUIRE(located);
        const cv::Mat& b = located->block;
        auto text = engine->read({b.data, b.cols, b.rows, static_cast<int>(b.step[0])}, located->blockDpi);
        REQUIRE(text);
        for (const auto& line : text->lines)
            for (const auto& w : line.words) {
                ++words;
                wordsWithConfidence += w.confidence > 0 && w.confidence <= 100;
            }
        rates.push_back(test::characterErrorRate(text->texts(), s.truth.recipientLines));
        if (rates.back() > 0.1) WARN("envelope " << i << ": CER " << rates.back());
    }
    std::sort(rates.begin(), rates.end());
    const double median = rates[rates.size() / 2];
    double mean = 0;
    for (double r : rates)
        mean += r;
    mean /= static_cast<double>(rates.size());
    INFO("CER median " << median << ", mean " << mean);
    CHECK(median <= 0.02);
    CHECK(mean <= 0.03);
    CHECK(words > 0);
    CHECK(wordsWithConfidence == words);
}

TEST_CASE("handwriting-like recipient lines are read well enough to match", "[ocr]") {
    auto engine = ocr::Engine::create();
    REQUIRE(engine);
    const auto& directory = test::testDirectory();
    corpus::Options options;
    options.condition = corpus::Condition::Scan300;
    std::vector<double> rates;
    for (int i = 3000; rates.size() < 6; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(directory, test::kSeed, i, options);
        if (s.truth.writing != "handwritten") continue;
        auto located = envelope::locateRecipient(s.image);
        REQUIRE(located);
        const cv::Mat& b = located->block;
        auto text = engine->read({b.data, b.cols, b.rows, static_cast<int>(b.step[0])}, located->blockDpi);
        REQUIRE(text);
        // Handwriting fonts write in capitals or title case: compare case-insensitively.
        auto lower = [](std::vector<std::string> lines) {
            for (auto& l : lines)
                for (auto& c : l)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return lines;
        };
        rates.push_back(test::characterErrorRate(lower(text->texts()), lower(s.truth.recipientLines)));
    }
    std::sort(rates.begin(), rates.end());
    INFO("CER median " << rates[rates.size() / 2]);
    CHECK(rates[rates.size() / 2] <= 0.25);
}
