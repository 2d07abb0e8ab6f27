// Helpers the command files share: the OpenMP limit for Tesseract, one-line failures, dates and
// the staff id.
#include "commands/Commands.hpp"
#include "guichet/codes/Codes.hpp"
#include "guichet/codes/ImageFile.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace guichet::app {

std::string Context::defaultStaff() {
    for (const char* var : {"GUICHET_STAFF", "USER", "LOGNAME"})
        if (const char* v = std::getenv(var); v && *v) return v;
    return "desk";
}

void warnSecondModel(const char* command, const std::string& problem) {
    std::fprintf(stderr,
                 "%s: warning: the second OCR model could not be loaded, unsure handwriting is read with "
                 "the first only (Debian: apt install tesseract-ocr-script-latn): %s\n",
                 command, problem.c_str());
}

void ensureOpenMpLimit() {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> args;
    for (size_t start = 0; start < all.size();) {
        const size_t end = all.find('\0', start);
        args.push_back(all.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (args.empty()) return;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    std::fflush(stdout);
    ::execv("/proc/self/exe", argv.data());
    // exec failed: carry on, just slower.
}

int failWith(const char* command, const std::string& message, int status) {
    std::fprintf(stderr, "guichet %s: %s\n", command, message.c_str());
    return status;
}

Result<std::vector<std::string>> codesInPhoto(const std::string& path) {
    auto image = codes::readImageFile(path);
    if (!image) return image.error();
    codes::DecodeOptions options;
    options.effort = codes::Effort::Thorough;
    std::vector<std::string> texts;
    for (const codes::Code& code : codes::decodeCodes(image->view(), options))
        texts.push_back(code.text);
    return texts;
}

Result<Date> dateArgument(const std::string& text) {
    if (text.empty()) return dateOf(now());
    if (auto d = parseDate(text)) return *d;
    return Error{"\"" + text + "\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"};
}

} // namespace guichet::app
