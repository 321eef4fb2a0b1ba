#!/usr/bin/env bash
# Install LibreOffice Calc (headless) and poppler-utils for the workbook rendering tests,
# only when they are missing and apt-get is usable; never fails the caller.
set -u
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if command -v fc-list >/dev/null 2>&1 && ! fc-list | grep -q . ; then need+=(fonts-dejavu-core); fi
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_libreoffice: apt-get not found; LibreOffice tests will be skipped" >&2
    exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_cmd=(sudo -n)
    else
        echo "ensure_libreoffice: not root and no sudo; LibreOffice tests will be skipped" >&2
        exit 0
    fi
fi
echo "ensure_libreoffice: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
{ "${sudo_cmd[@]}" apt-get update -qq \
  && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null 2>&1 \
  || echo "ensure_libreoffice: install failed; LibreOffice tests will be skipped" >&2
exit 0
