#!/usr/bin/env bash
# Refreshes docs/screenshots/ (the README's "Screens" gallery) from the browser flow tests: they walk every screen in
# English and German at desktop (1366x800) and phone (390x844) width and save a screenshot of each state they check with
# axe. The tests write to a temporary folder (HESTIA_E2E_ARTIFACTS); only the curated set below is copied into the tree.
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT

dotnet build HestiaFtp.Tests -warnaserror -v quiet -nologo
HESTIA_E2E_ARTIFACTS="$artifacts" dotnet test --project HestiaFtp.Tests --no-build \
  --filter-class 'HestiaFtp.Tests.Web.E2E.AccountsFlowBrowserTests' \
  --filter-class 'HestiaFtp.Tests.Web.E2E.DomainFlowBrowserTests' \
  --filter-class 'HestiaFtp.Tests.Web.E2E.SupportFlowBrowserTests' >"$artifacts/test.log" 2>&1 \
  || { grep -v '^  \[' "$artifacts/test.log" | grep -A 25 '^failed ' || tail -n 60 "$artifacts/test.log"; echo "browser flow tests failed; docs/screenshots/ left as it was" >&2; exit 1; }

# docs/screenshots/NAME.png <- the test state it shows (a11y-GROUP-CULTURE-VIEWPORT-STEP.png).
shots=(
  "accounts-en-desktop        suspended-en-desktop-alice-accounts"
  "accounts-en-phone          suspended-en-phone-alice-accounts"
  "accounts-de-desktop        suspended-de-desktop-alice-accounts"
  "accounts-de-phone          suspended-de-phone-alice-accounts"
  "agency-table-en-desktop    support-en-desktop-agency-table"
  "agency-table-de-phone      support-de-phone-agency-table"
  "domain-en-desktop          suspended-en-desktop-active-domain"
  "domain-de-phone            suspended-de-phone-active-domain"
  "credentials-en-desktop     accounts-en-desktop-credentials-dialog"
  "create-de-phone            domain-de-phone-create-dialog-filled"
  "support-en-desktop         support-en-desktop-overview"
  "support-de-phone           support-de-phone-overview"
  "activity-en-desktop        domain-en-desktop-activity"
  "activity-de-phone          domain-de-phone-activity"
)

mkdir -p docs/screenshots
for shot in "${shots[@]}"; do
  read -r name state <<<"$shot"
  cp "$artifacts/a11y-$state.png" "docs/screenshots/$name.png"
done
echo "docs/screenshots/: ${#shots[@]} screenshots refreshed"
