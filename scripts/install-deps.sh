#!/usr/bin/env bash
# Installs every Debian 12 package Guichet needs to build, test and run its demo.
# Idempotent: does nothing (no apt call) when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libopencv-dev libzxing-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng tesseract-ocr-script-latn
  libimgui-dev libsdl2-dev libfreetype-dev libpng-dev
  # Arabic on the kiosk: FriBidi joins letters (presentation forms) and orders lines right to left
  libfribidi-dev
  # SDL_VIDEODRIVER=offscreen (screen tests, screenshots): EGL and Mesa's software GL (llvmpipe)
  libegl-mesa0 libgl1-mesa-dri
  libsqlite3-dev sqlite3 libcurl4-openssl-dev libcpp-httplib-dev libssl-dev
  catch2 nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsodium-dev libicu-dev libcairo2-dev libtiff-dev libpoppler-cpp-dev
  fonts-dejavu-core fonts-liberation fonts-urw-base35
  fonts-comic-neue fonts-dkg-handwriting fonts-humor-sans fonts-femkeklaver
  # held out from tuning: guichet-bench-envelope --held-out-fonts
  fonts-breip fonts-ecolier-court fonts-kristi fonts-tomsontalks
  # the second, independent corpus (tests/corpus2): fonts the first generator does not use
  fonts-freefont-ttf fonts-crosextra-carlito fonts-crosextra-caladea fonts-linuxlibertine
  fonts-cantarell fonts-open-sans fonts-lato fonts-sil-andika fonts-roboto-unhinted
  fonts-bwht fonts-dancingscript fonts-kaushanscript
  xvfb xauth
  # hardware/: scanner (SANE and its test backend), speech, handheld reader; the printer needs no library
  libsane-dev sane-utils libespeak-ng-dev espeak-ng-data libevdev-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "guichet: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
