#include "Poison.hpp"

#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <string>
#include <tiffio.h>
#include <zlib.h>

namespace guichet::poison {
namespace {

void put32be(Bytes& b, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8)
        b.push_back(static_cast<unsigned char>(v >> s));
}

void pngChunk(Bytes& out, const char* type, const Bytes& data) {
    put32be(out, static_cast<std::uint32_t>(data.size()));
    Bytes typed(type, type + 4);
    typed.insert(typed.end(), data.begin(), data.end());
    out.insert(out.end(), typed.begin(), typed.end());
    put32be(out, static_cast<std::uint32_t>(crc32(0, typed.data(), static_cast<uInt>(typed.size()))));
}

Bytes deflated(const Bytes& raw) {
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    Bytes out(size);
    if (compress2(out.data(), &size, raw.data(), static_cast<uLong>(raw.size()), 9) != Z_OK)
        throw std::runtime_error("zlib failed");
    out.resize(size);
    return out;
}

void put16le(Bytes& b, std::uint32_t v) {
    b.push_back(static_cast<unsigned char>(v));
    b.push_back(static_cast<unsigned char>(v >> 8));
}
void put32le(Bytes& b, std::uint32_t v) {
    for (int s = 0; s < 32; s += 8)
        b.push_back(static_cast<unsigned char>(v >> s));
}
void set32le(Bytes& b, size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        b[at + static_cast<size_t>(i)] = static_cast<unsigned char>(v >> (8 * i));
}

std::string pdfWithObjects(const std::vector<std::string>& objects) {
    std::string pdf = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace

Bytes pngHeaderBomb(std::uint32_t width, std::uint32_t height, std::uint32_t rows) {
    Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    Bytes ihdr;
    put32be(ihdr, width);
    put32be(ihdr, height);
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
    pngChunk(out, "IHDR", ihdr);
    pngChunk(out, "IDAT", deflated(Bytes(static_cast<size_t>(rows) * (1 + size_t{width} * 3), 0)));
    pngChunk(out, "IEND", {});
    return out;
}

Bytes plainPng(int width, int height) {
    cv::Mat image(height, width, CV_8UC1, cv::Scalar(200));
    std::vector<unsigned char> out;
    cv::imencode(".png", image, out);
    return out;
}

Bytes tiffBomb(std::uint32_t width, std::uint32_t height, bool long8Sizes, bool duplicateSizes) {
    constexpr std::uint32_t rowsPerStrip = 64;
    const std::uint32_t strips = (height + rowsPerStrip - 1) / rowsPerStrip;
    const Bytes strip = deflated(Bytes(size_t{width} * rowsPerStrip, 0));
    struct Entry {
        std::uint16_t tag, type;
        std::uint32_t count, value; ///< value, or offset patched below
        int patch = 0;              ///< 1: offset of the LONG8 width, 2: height, 3: offsets, 4: counts
    };
    std::vector<Entry> entries;
    if (duplicateSizes) {
        entries.push_back({256, 4, 1, 64});
        entries.push_back({256, 4, 1, width});
        entries.push_back({257, 4, 1, 64});
        entries.push_back({257, 4, 1, height});
    } else if (long8Sizes) {
        entries.push_back({256, 16, 1, 0, 1});
        entries.push_back({257, 16, 1, 0, 2});
    } else {
        entries.push_back({256, 4, 1, width});
        entries.push_back({257, 4, 1, height});
    }
    entries.push_back({258, 3, 1, 8});
    entries.push_back({259, 3, 1, 8}); // deflate
    entries.push_back({262, 3, 1, 1}); // black is zero
    entries.push_back({273, 4, strips, 0, 3});
    entries.push_back({277, 3, 1, 1});
    entries.push_back({278, 4, 1, rowsPerStrip});
    entries.push_back({279, 4, strips, 0, 4});
    Bytes b = {'I', 'I', 42, 0};
    put32le(b, 8);
    put16le(b, static_cast<std::uint32_t>(entries.size()));
    std::vector<size_t> valueAt;
    for (const Entry& e : entries) {
        put16le(b, e.tag);
        put16le(b, e.type);
        put32le(b, e.count);
        valueAt.push_back(b.size());
        put32le(b, e.value);
    }
    put32le(b, 0); // no next page
    const size_t widthAt = b.size();
    put32le(b, width);
    put32le(b, 0);
    const size_t heightAt = b.size();
    put32le(b, height);
    put32le(b, 0);
    const size_t dataAt = b.size();
    b.insert(b.end(), strip.begin(), strip.end());
    const size_t offsetsAt = b.size();
    for (std::uint32_t s = 0; s < strips; ++s)
        put32le(b, static_cast<std::uint32_t>(dataAt)); // every strip is the same compressed zeros
    const size_t countsAt = b.size();
    for (std::uint32_t s = 0; s < strips; ++s)
        put32le(b, static_cast<std::uint32_t>(strip.size()));
    for (size_t i = 0; i < entries.size(); ++i) {
        const int p = entries[i].patch;
        if (p == 1) set32le(b, valueAt[i], static_cast<std::uint32_t>(widthAt));
        if (p == 2) set32le(b, valueAt[i], static_cast<std::uint32_t>(heightAt));
        if (p == 3)
            set32le(b, valueAt[i],
                    strips == 1 ? static_cast<std::uint32_t>(dataAt) : static_cast<std::uint32_t>(offsetsAt));
        if (p == 4)
            set32le(b, valueAt[i],
                    strips == 1 ? static_cast<std::uint32_t>(strip.size())
                                : static_cast<std::uint32_t>(countsAt));
    }
    return b;
}

Bytes bigTiffBomb(std::uint32_t width, std::uint32_t height) {
    constexpr std::uint32_t rowsPerStrip = 64;
    const Bytes strip = deflated(Bytes(size_t{width} * rowsPerStrip, 0));
    char name[] = "/tmp/guichet-poison-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    TIFF* tif = TIFFFdOpen(fd, name, "w8");
    if (!tif) throw std::runtime_error("libtiff cannot write a BigTIFF");
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rowsPerStrip);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    const std::uint32_t strips = (height + rowsPerStrip - 1) / rowsPerStrip;
    for (std::uint32_t s = 0; s < strips; ++s)
        TIFFWriteRawStrip(tif, s, const_cast<unsigned char*>(strip.data()),
                          static_cast<tmsize_t>(strip.size()));
    TIFFClose(tif); // closes fd
    Bytes out;
    if (std::FILE* f = std::fopen(name, "rb")) {
        unsigned char buffer[65536];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
            out.insert(out.end(), buffer, buffer + n);
        std::fclose(f);
    }
    std::remove(name);
    return out;
}

Bytes pdfNestedForms(int depth, int fanOut) {
    // 1 catalog, 2 pages, 3 page, 4 page content, 5.. forms (5 + depth - 1 draws a square).
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /XObject << /F0 5 0 R >> >> >>"};
    const std::string page = "/F0 Do\n";
    objects.push_back("<< /Length " + std::to_string(page.size()) + " >>\nstream\n" + page + "endstream");
    for (int level = 0; level < depth; ++level) {
        std::string body, resources;
        if (level + 1 < depth) {
            for (int k = 0; k < fanOut; ++k)
                body += "q 1 0 0 1 0.1 0.1 cm /F Do Q\n";
            resources = "/Resources << /XObject << /F " + std::to_string(5 + level + 1) + " 0 R >> >> ";
        } else {
            body = "0 0 595 842 re f\n";
        }
        objects.push_back("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources + "/Length " +
                          std::to_string(body.size()) + " >>\nstream\n" + body + "endstream");
    }
    const std::string pdf = pdfWithObjects(objects);
    return Bytes(pdf.begin(), pdf.end());
}

Bytes pdfFlateFills(int fills) {
    std::string ops;
    for (int i = 0; i < fills; ++i)
        ops += (i % 2 ? "1 g " : "0.5 g ") + std::string("0 0 595 842 re f\n");
    const Bytes packed = deflated(Bytes(ops.begin(), ops.end()));
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        "<< /Length " + std::to_string(packed.size()) + " /Filter /FlateDecode >>\nstream\n" +
            std::string(packed.begin(), packed.end()) + "\nendstream"};
    const std::string pdf = pdfWithObjects(objects);
    return Bytes(pdf.begin(), pdf.end());
}

Bytes bigJpeg(std::size_t bytes) {
    cv::Mat image(64, 64, CV_8UC3, cv::Scalar(90, 120, 200));
    std::vector<unsigned char> small;
    cv::imencode(".jpg", image, small);
    Bytes out = {0xFF, 0xD8};
    while (out.size() + small.size() + 65540 < bytes) { // comment segments of 64 KB
        out.insert(out.end(), {0xFF, 0xFE, 0xFF, 0xFF});
        out.resize(out.size() + 65533, ' ');
    }
    out.insert(out.end(), small.begin() + 2, small.end()); // the picture, without its own SOI
    return out;
}

} // namespace guichet::poison
