// Compiled into every test executable of a -DGUICHET_SANITIZE=ON build (cmake/GuichetModule.cmake):
// LeakSanitizer's suppressions for allocations that third-party libraries keep until exit on
// purpose (fontconfig's cache through cairo and Poppler). Our own code is never suppressed.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}
