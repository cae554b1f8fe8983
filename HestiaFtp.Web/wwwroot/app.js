// Small browser helpers called through IJSRuntime ("hestiaFtp.copy", "hestiaFtp.download", "hestiaFtp.focusHeading", "hestiaFtp.timeZone").
window.hestiaFtp = {
  // After a dialog whose opener is gone (a deleted card): focus goes to the page's heading, not to the body. After the
  // dialog's own focus handling has run, hence the timeout.
  focusHeading: function () {
    setTimeout(() => { const h1 = document.querySelector("main h1"); if (h1) { h1.focus(); } }, 0);
  },
  timeZone: function () {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; }
    catch { return null; }
  },
  copy: async function (text) {
    try { await navigator.clipboard.writeText(text); return true; }
    catch {
      const area = document.createElement("textarea");
      area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      const ok = document.execCommand("copy");
      document.body.removeChild(area);
      return ok;
    }
  },
  download: function (fileName, mimeType, content) {
    const blob = new Blob([content], { type: mimeType });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url; a.download = fileName; document.body.appendChild(a); a.click();
    document.body.removeChild(a); URL.revokeObjectURL(url);
  }
};
