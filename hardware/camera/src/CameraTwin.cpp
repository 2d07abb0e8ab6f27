#include "guichet/hardware/OpenCvCamera.hpp"

#include <cstdio>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace guichet::hardware {

Result<std::string> writeCameraTwin(const std::string& image, const std::string& folder, int width,
                                    int height, int frames) {
    try {
        cv::Mat letter = cv::imread(image, cv::IMREAD_COLOR);
        if (letter.empty()) return Error{"camera twin: cannot read " + image};
        // The letter covers about two thirds of the view, on a dark desk.
        double scale = std::min(0.66 * width / letter.cols, 0.66 * height / letter.rows);
        cv::Mat small;
        cv::resize(letter, small, cv::Size(), scale, scale, cv::INTER_AREA);
        std::error_code ec;
        std::filesystem::create_directories(folder, ec);
        const int still = std::max(1, frames / 3);
        const int restX = (width - small.cols) / 2, restY = (height - small.rows) / 2;
        for (int i = 0; i < frames; ++i) {
            cv::Mat view(height, width, CV_8UC3, cv::Scalar(40, 45, 50));
            int x = i < still ? restX - (still - i) * width / (2 * still) : restX;
            cv::Rect target = cv::Rect(x, restY, small.cols, small.rows) & cv::Rect(0, 0, width, height);
            if (target.area() > 0)
                small(cv::Rect(target.x - x, 0, target.width, target.height)).copyTo(view(target));
            char name[32];
            std::snprintf(name, sizeof name, "frame_%03d.png", i);
            std::string path = (std::filesystem::path(folder) / name).string();
            if (!cv::imwrite(path, view)) return Error{"camera twin: cannot write " + path};
        }
        return (std::filesystem::path(folder) / "frame_%03d.png").string();
    } catch (const cv::Exception& e) {
        return Error{"camera twin: " + std::string(e.what())};
    }
}

} // namespace guichet::hardware
