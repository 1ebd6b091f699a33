// Live notices: enhances the inbox when script runs; without it the page is complete as served.
// Each new notice of the signed-in enterprise arrives as a Server-Sent Event from this web app,
// is put at the top of the live list and announced through the aria-live region.
(function () {
  "use strict";
  var region = document.getElementById("notices-live");
  if (!region || typeof window.EventSource !== "function") {
    return;
  }

  var list = null;
  var source = new EventSource(region.getAttribute("data-events") + "?after=" + encodeURIComponent(region.getAttribute("data-last") || "0"));
  source.addEventListener("notice", function (event) {
    var notice;
    try {
      notice = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!list) {
      var heading = document.createElement("h2");
      heading.textContent = region.getAttribute("data-new-title");
      list = document.createElement("ul");
      list.className = "inbox";
      region.appendChild(heading);
      region.appendChild(list);
    }
    var item = document.createElement("li");
    item.className = "unread live";
    item.setAttribute("data-sequence", String(notice.sequence));
    var link = document.createElement("a");
    link.href = notice.url;
    link.textContent = notice.title;
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = notice.kindName + " · " + notice.department + " · " + notice.deliveredAt;
    var announce = document.createElement("span");
    announce.className = "visually-hidden";
    announce.textContent = notice.announcement;
    item.appendChild(announce);
    item.appendChild(link);
    item.appendChild(meta);
    list.insertBefore(item, list.firstChild);
  });
})();
