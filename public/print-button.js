// The "Tulosta" button of the login card page: hidden without JavaScript (the page then tells
// to use the browser's own print command), shown and wired here. A file, not an inline script,
// so the Content-Security-Policy needs no exception for it.
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
