// The print views' 打印 button: the browser's print dialog (A4, see the page's print CSS).
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
