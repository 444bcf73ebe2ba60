#!/usr/bin/env bash
# What the tests need from Debian: Chromium for the browser tests, Java for the
# Nu Html Checker, nginx (and openssl, for its TLS test) for the hosting test, rsync and git for publishing;
# Pango and the DejaVu fonts, which the build's PDF needs (WeasyPrint), and LibreOffice Calc, which opens the
# budget template in the tests.
# Installs it when run as root; otherwise says exactly what to install.
set -euo pipefail
packages=(chromium default-jre-headless nginx rsync git openssl libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core libreoffice-calc-nogui)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js and npm (the editor, the validator, Lighthouse) may come from Debian or from elsewhere: asked by command.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The browser tests need Debian packages that are missing: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
