// guichet decode: the barcode and QR reader from the terminal (the card frames of a benchmark, a
// La Poste label), one line or one JSON object per image with the time it took.
#include "commands/Commands.hpp"
#include "guichet/codes/Codes.hpp"
#include "guichet/codes/ImageFile.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

namespace guichet::app {

namespace {

struct DecodeArgs {
    std::vector<std::string> images;
    std::string formats = "qrcode";
    std::string effort = "camera";
    bool json = false;
};

int runDecode(const DecodeArgs& args) {
    const auto formats = codes::parseFormats(args.formats);
    if (!formats)
        return failWith("decode", "unknown format in '" + args.formats + "' (e.g. qrcode,datamatrix,code128)",
                        2);
    codes::DecodeOptions options;
    options.formats = *formats;
    if (args.effort == "thorough")
        options.effort = codes::Effort::Thorough;
    else if (args.effort != "camera")
        return failWith("decode", "--effort is camera or thorough", 2);
    int status = 0;
    for (const std::string& path : args.images) {
        auto image = codes::readImageFile(path);
        if (!image) {
            status = 2;
            if (args.json)
                std::cout << nlohmann::json{{"image", path}, {"error", image.error().message}}.dump()
                          << std::endl;
            else
                std::fprintf(stderr, "%s: error: %s\n", path.c_str(), image.error().message.c_str());
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        const std::vector<codes::Code> found = codes::decodeCodes(image->view(), options);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (found.empty() && status == 0) status = 1;
        if (args.json) {
            nlohmann::json line{
                {"image", path}, {"text", nullptr}, {"format", nullptr}, {"ms", std::round(ms * 100) / 100}};
            if (!found.empty()) {
                line["text"] = found[0].text;
                line["format"] = codes::toString(found[0].format);
            }
            if (found.size() > 1) {
                nlohmann::json more = nlohmann::json::array();
                for (std::size_t i = 1; i < found.size(); ++i)
                    more.push_back({{"text", found[i].text}, {"format", codes::toString(found[i].format)}});
                line["more"] = more;
            }
            std::cout << line.dump() << std::endl;
        } else if (found.empty()) {
            std::printf("%s: no code (%.1f ms)\n", path.c_str(), ms);
        } else {
            for (const codes::Code& code : found)
                std::printf("%s: %s %s (%.1f ms)\n", path.c_str(), codes::toString(code.format),
                            code.text.c_str(), ms);
        }
    }
    return status;
}

} // namespace

void registerDecodeCommand(CLI::App& app, Context& context) {
    auto decodeArgs = std::make_shared<DecodeArgs>();
    auto* decode =
        app.add_subcommand("decode", "Read barcodes and QR codes in images (exit 0: all read, 1: some "
                                     "without code, 2: some unreadable files)");
    decode->add_option("images", decodeArgs->images, "Image files")->required();
    decode
        ->add_option("--formats", decodeArgs->formats,
                     "Comma-separated: qrcode,datamatrix,code128,code39,aztec,pdf417...")
        ->capture_default_str();
    decode->add_option("--effort", decodeArgs->effort, "camera (fast) or thorough")->capture_default_str();
    decode->add_flag("--json", decodeArgs->json, "One JSON line per image: image, text, format, ms");
    decode->callback(
        [&context, decodeArgs] { context.run = [decodeArgs] { return runDecode(*decodeArgs); }; });
}

} // namespace guichet::app
