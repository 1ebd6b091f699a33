#!/usr/bin/env bash
# Writes the screenshots in docs/web/ (one PNG per page) by running the web page's browser tests
# with HUB_WEB_SCREENSHOTS set. Needs chromium and fonts-wqy-microhei, as ./test.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/../.."
HUB_WEB_SCREENSHOTS="$PWD/docs/web" dotnet test tests/EnterpriseHub.Web.Tests --nologo --filter "FullyQualifiedName~BrowserTests"
ls -l docs/web/*.png
