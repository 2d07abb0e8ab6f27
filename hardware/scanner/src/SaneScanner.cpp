#include "guichet/hardware/SaneScanner.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <sane/sane.h>
#include <sane/saneopts.h>

namespace guichet::hardware {

namespace {

/// sane_init/sane_exit are process-wide in libsane: one counted session shared by every scanner object.
/// The mutex and count exist only because the C library itself is a global.
class SaneSession {
public:
    SaneSession() {
        std::lock_guard lock(mutex());
        if (count()++ == 0)
            status_ = sane_init(nullptr, nullptr);
        else
            status_ = SANE_STATUS_GOOD;
    }
    ~SaneSession() {
        std::lock_guard lock(mutex());
        if (--count() == 0) sane_exit();
    }
    SaneSession(const SaneSession&) = delete;
    SaneSession& operator=(const SaneSession&) = delete;
    bool ok() const { return status_ == SANE_STATUS_GOOD; }

private:
    static std::mutex& mutex() {
        static std::mutex m;
        return m;
    }
    static int& count() {
        static int c = 0;
        return c;
    }
    SANE_Status status_;
};

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The sentence staff read: what happened to `device` and what to do, and the pages kept.
std::string describe(SANE_Status status, const std::string& device, int kept) {
    std::string who = "scanner " + device + ": ";
    std::string what;
    switch (status) {
    case SANE_STATUS_NO_DOCS:
        what = "the feeder is empty; put the letters in the feeder and scan again";
        break;
    case SANE_STATUS_JAMMED:
        what = "paper jam; open the scanner, take the stuck sheet out, put it back on the pile";
        break;
    case SANE_STATUS_COVER_OPEN:
        what = "the cover is open; close it and scan again";
        break;
    case SANE_STATUS_DEVICE_BUSY:
        what = "busy; another program is using it, close it or wait, then scan again";
        break;
    case SANE_STATUS_ACCESS_DENIED:
        what = "permission denied; add the desk user to the scanner group (docs/HARDWARE.md)";
        break;
    case SANE_STATUS_IO_ERROR:
        what = "lost contact (unplugged?); check the cable and the power, then scan the rest";
        break;
    case SANE_STATUS_INVAL:
        what = "not found; check it is plugged in and on (guichet devices lists scanners)";
        break;
    case SANE_STATUS_NO_MEM:
        what = "out of memory; lower the resolution";
        break;
    default:
        what = std::string(sane_strstatus(status)) + "; switch it off and on, then scan again";
        break;
    }
    if (kept > 0)
        what += " (" + std::to_string(kept) + " page" + (kept > 1 ? "s" : "") + " already scanned were kept)";
    return who + what;
}

struct Handle {
    SANE_Handle h = nullptr;
    ~Handle() {
        if (h) {
            sane_cancel(h);
            sane_close(h);
        }
    }
};

/// Sets option `name` from text, as the option's type wants it; false when the device has no such
/// option or refuses the value.
bool setOption(SANE_Handle h, const std::string& name, const std::string& value) {
    for (SANE_Int i = 1;; ++i) {
        const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
        if (!d) return false;
        if (!d->name || name != d->name) continue;
        if (!SANE_OPTION_IS_ACTIVE(d->cap) || !SANE_OPTION_IS_SETTABLE(d->cap)) return false;
        SANE_Status st;
        switch (d->type) {
        case SANE_TYPE_BOOL: {
            SANE_Bool b = (value == "yes" || value == "true" || value == "1") ? SANE_TRUE : SANE_FALSE;
            st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, &b, nullptr);
            break;
        }
        case SANE_TYPE_INT:
        case SANE_TYPE_FIXED: {
            double wanted = std::stod(value);
            if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
                // Nearest listed value: a device offering 200/300/600 dpi gets 300 for 300, 600 for 400.
                const SANE_Word* list = d->constraint.word_list;
                double best = 0, distance = 1e18;
                for (SANE_Int k = 1; k <= list[0]; ++k) {
                    double v = d->type == SANE_TYPE_FIXED ? SANE_UNFIX(list[k]) : list[k];
                    if (std::abs(v - wanted) < distance) {
                        distance = std::abs(v - wanted);
                        best = v;
                    }
                }
                wanted = best;
            }
            SANE_Word w =
                d->type == SANE_TYPE_FIXED ? SANE_FIX(wanted) : static_cast<SANE_Word>(std::lround(wanted));
            st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, &w, nullptr);
            break;
        }
        case SANE_TYPE_STRING: {
            std::vector<char> buffer(static_cast<std::size_t>(std::max<SANE_Int>(d->size, 1)), '\0');
            std::strncpy(buffer.data(), value.c_str(), buffer.size() - 1);
            st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, buffer.data(), nullptr);
            break;
        }
        default:
            return false;
        }
        return st == SANE_STATUS_GOOD;
    }
}

/// The listed string value of option `name` whose lower-case form contains one of `wanted`, in order.
std::string pickString(SANE_Handle h, const char* name, std::initializer_list<const char*> wanted) {
    for (SANE_Int i = 1;; ++i) {
        const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
        if (!d) return {};
        if (!d->name || std::strcmp(d->name, name) != 0) continue;
        if (d->type != SANE_TYPE_STRING || d->constraint_type != SANE_CONSTRAINT_STRING_LIST) return {};
        for (const char* w : wanted)
            for (const SANE_String_Const* s = d->constraint.string_list; *s; ++s)
                if (lower(*s).find(w) != std::string::npos) return *s;
        return {};
    }
}

void toGrey(const SANE_Parameters& p, const std::vector<std::uint8_t>& line, std::uint8_t* out) {
    for (int x = 0; x < p.pixels_per_line; ++x) {
        auto ux = static_cast<std::size_t>(x);
        if (p.format == SANE_FRAME_RGB) {
            std::size_t bytes = p.depth == 16 ? 2 : 1;
            auto at = [&](std::size_t c) { return line[(ux * 3 + c) * bytes]; };
            out[x] = static_cast<std::uint8_t>((at(0) * 77 + at(1) * 150 + at(2) * 29) >> 8);
        } else if (p.depth == 1) {
            // SANE line-art: a set bit is black.
            out[x] = (line[ux / 8] & (0x80 >> (ux % 8))) ? 0 : 255;
        } else if (p.depth == 16) {
            out[x] = line[ux * 2 + 1]; // SANE 16-bit samples are in host (little-endian) order
        } else {
            out[x] = line[ux];
        }
    }
}

} // namespace

Result<std::vector<ScannerDevice>> listScanners() {
    SaneSession session;
    if (!session.ok()) return Error{"scanners: SANE did not start; is libsane installed?"};
    const SANE_Device** devices = nullptr;
    if (SANE_Status st = sane_get_devices(&devices, SANE_FALSE); st != SANE_STATUS_GOOD)
        return Error{std::string("scanners: cannot list them (") + sane_strstatus(st) + ")"};
    std::vector<ScannerDevice> found;
    for (const SANE_Device** d = devices; *d; ++d)
        found.push_back({(*d)->name, (*d)->vendor, (*d)->model, (*d)->type});
    return found;
}

Result<ScanBatch> SaneScanner::scanBatch(const std::function<void(ScannedPage&&)>& onPage) {
    cancelled_ = false;
    SaneSession session;
    if (!session.ok()) return Error{"scanner: SANE did not start; is libsane installed?"};
    std::string device = settings_.device;
    if (device.empty()) {
        auto all = listScanners();
        if (!all) return all.error();
        if (all->empty()) return Error{"scanner: none found; check it is plugged in and switched on"};
        device = all->front().name;
    }
    Handle handle;
    if (SANE_Status st = sane_open(device.c_str(), &handle.h); st != SANE_STATUS_GOOD) {
        handle.h = nullptr;
        return Error{describe(st, device, 0)};
    }
    if (std::string grey = pickString(handle.h, SANE_NAME_SCAN_MODE, {"gray", "grey"}); !grey.empty())
        setOption(handle.h, SANE_NAME_SCAN_MODE, grey);
    setOption(handle.h, SANE_NAME_BIT_DEPTH, "8");
    setOption(handle.h, SANE_NAME_SCAN_RESOLUTION, std::to_string(settings_.dpi));
    bool fromFeeder = false;
    if (settings_.feeder)
        if (std::string adf = pickString(handle.h, SANE_NAME_SCAN_SOURCE, {"adf", "feeder", "automatic"});
            !adf.empty())
            fromFeeder = setOption(handle.h, SANE_NAME_SCAN_SOURCE, adf);
    for (const auto& [name, value] : settings_.options)
        if (!setOption(handle.h, name, value))
            return Error{"scanner " + device + ": option " + name + " = " + value +
                         " refused; check the settings"};

    ScanBatch batch;
    while (!cancelled_) {
        SANE_Status st = sane_start(handle.h);
        if (st == SANE_STATUS_NO_DOCS && batch.pages > 0) return batch; // the pile is done
        if (st != SANE_STATUS_GOOD) return Error{describe(st, device, batch.pages)};
        SANE_Parameters p{};
        if ((st = sane_get_parameters(handle.h, &p)) != SANE_STATUS_GOOD)
            return Error{describe(st, device, batch.pages)};
        if ((p.format != SANE_FRAME_GRAY && p.format != SANE_FRAME_RGB) || p.pixels_per_line <= 0 ||
            p.bytes_per_line <= 0)
            return Error{"scanner " + device +
                         ": sends pages in a form Guichet does not read; set it to grey"};
        ScannedPage page;
        page.index = batch.pages + 1;
        page.width = p.pixels_per_line;
        page.dpi = settings_.dpi;
        std::vector<std::uint8_t> line(static_cast<std::size_t>(p.bytes_per_line));
        std::size_t filled = 0;
        std::vector<SANE_Byte> chunk(64 * 1024);
        for (;;) {
            SANE_Int got = 0;
            st = sane_read(handle.h, chunk.data(), static_cast<SANE_Int>(chunk.size()), &got);
            for (SANE_Int k = 0; k < got; ++k) {
                line[filled++] = chunk[static_cast<std::size_t>(k)];
                if (filled == line.size()) {
                    std::size_t row = page.grey.size();
                    page.grey.resize(row + static_cast<std::size_t>(page.width));
                    toGrey(p, line, page.grey.data() + row);
                    filled = 0;
                }
            }
            if (st == SANE_STATUS_EOF) break;
            if (st != SANE_STATUS_GOOD) return Error{describe(st, device, batch.pages)};
        }
        page.height = static_cast<int>(page.grey.size() / static_cast<std::size_t>(page.width));
        ++batch.pages;
        onPage(std::move(page));
        if (!p.last_frame)
            return Error{"scanner " + device + ": sends colour in three passes; set it to grey"};
        if (!fromFeeder) return batch; // a flatbed has one page, and would give it again forever
    }
    batch.cancelled = true;
    return batch;
}

} // namespace guichet::hardware
