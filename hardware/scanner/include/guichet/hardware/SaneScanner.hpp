#pragma once
// A sheet-fed scanner through SANE (libsane): every Linux scanner driver, and SANE's own `test` backend
// as the simulated twin (tests point SANE_CONFIG_DIR at hardware/scanner/sane-twin, whose dll.conf
// lists only `test`, so CI runs the real library path).

#include "guichet/core/ports/SheetScanner.hpp"

#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace guichet::hardware {

struct ScannerSettings {
    std::string device; ///< a SANE name ("fujitsu:fi-7160:1234", "test:0"); empty: the first one listed
    int dpi = 300;      ///< the nearest the device offers is used
    bool feeder = true; ///< choose the automatic document feeder when the device has a "source" option
    /// Further SANE options by name, set after the above as the device understands them (a string, a
    /// number, "yes"/"no"): a driver's own switches, or the test backend's simulated failures
    /// ("read-return-value" = "SANE_STATUS_JAMMED").
    std::vector<std::pair<std::string, std::string>> options;
};

/// The scanners SANE sees (local and network). Fails when SANE cannot start.
Result<std::vector<ScannerDevice>> listScanners();

/// Scans 8-bit grey pages (colour or line-art devices are converted). One batch at a time.
class SaneScanner final : public SheetScanner {
public:
    explicit SaneScanner(ScannerSettings settings) : settings_(std::move(settings)) {}
    /// See SheetScanner. The feeder running empty after at least one page ends the batch normally.
    Result<ScanBatch> scanBatch(const std::function<void(ScannedPage&&)>& onPage) override;
    void cancel() override { cancelled_ = true; }

private:
    ScannerSettings settings_;
    std::atomic<bool> cancelled_{false};
};

} // namespace guichet::hardware
