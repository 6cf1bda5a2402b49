// Báo Sông Hồng: lazy images and the cookie banner.
document.querySelectorAll("img.lazy[data-src]").forEach(function (img) {
  img.src = img.getAttribute("data-src");
});
var banner = document.getElementById("cookie-consent");
if (banner) {
  banner.querySelectorAll("button").forEach(function (b) {
    b.addEventListener("click", function () { banner.style.display = "none"; });
  });
}
