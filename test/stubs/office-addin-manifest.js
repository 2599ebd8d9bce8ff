// office-addin-mock requires office-addin-manifest, which is ESM-only and cannot load under jest. The
// mock only reads the OfficeApp enum from it (the values of office-addin-manifest's lib/officeApp.d.ts).
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
