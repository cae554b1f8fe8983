// Small browser helpers called through IJSRuntime ("hestiaFtp.copy", "hestiaFtp.download", "hestiaFtp.guardUnload",
// "hestiaFtp.focusHeading", "hestiaFtp.timeZone").
window.hestiaFtp = {
  // After a dialog whose opener is gone (a deleted card): focus goes to the page's heading, not to the body. Only once
  // the dialog has left the page and its own focus handling has run (it returns focus to the opener, or the body when
  // the opener is gone), so it waits for the dialog's removal, frame by frame, for at most about two seconds.
  focusHeading: function () {
    let frames = 0;
    const attempt = () => {
      if (document.querySelector(".mud-dialog-container") && frames++ < 120) { requestAnimationFrame(attempt); return; }
      setTimeout(() => { const h1 = document.querySelector("main h1"); if (h1) { h1.focus(); } }, 0);
    };
    attempt();
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
  },
  // Escape anywhere on the page while a dialog that asks before closing is open (MudBlazor's own Escape closes at once).
  watchEscape: function (dotNet) {
    const handler = function (event) { if (event.key === "Escape") { dotNet.invokeMethodAsync("EscapePressed"); } };
    document.addEventListener("keydown", handler);
    return { stop: function () { document.removeEventListener("keydown", handler); } };
  },
  // While a one-time password is shown and not yet kept, closing or reloading the tab asks first (the browser's own words).
  // The login (never the password) stays in sessionStorage while guarded: if the circuit is lost meanwhile, the reloaded
  // page finds it (takeLostPassword) and offers to set a new password.
  guardUnload: function (on, login) {
    window.removeEventListener("beforeunload", hestiaFtpUnloadGuard);
    if (on) {
      window.addEventListener("beforeunload", hestiaFtpUnloadGuard);
      if (login) { sessionStorage.setItem("hestiaFtp.unkeptPassword", login); }
    } else {
      sessionStorage.removeItem("hestiaFtp.unkeptPassword");
    }
  },
  takeLostPassword: function () {
    const login = sessionStorage.getItem("hestiaFtp.unkeptPassword");
    sessionStorage.removeItem("hestiaFtp.unkeptPassword");
    return login;
  }
};

function hestiaFtpUnloadGuard(event) {
  event.preventDefault();
  event.returnValue = "";
}
