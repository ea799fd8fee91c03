"""Staff spreadsheet exports never carry a formula a customer or editor typed.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets when a CSV is opened (OWASP "CSV injection"):
a booking name such as ``=HYPERLINK(...)`` would run on the front desk's computer. OWASP's
rule is to prefix such a cell with a single quote, which spreadsheets show as text.

Every export in the admin (the bookings listing, the SEO and editorial reports, Wagtail's own
reports such as locked pages or site history) is Wagtail's ``SpreadsheetExportMixin``, so
``install`` wraps its one per-cell hook, ``preprocess_field_value``, once at start-up
(``SpaSiteConfig.ready``). XLSX is already safe: Wagtail stores formula-looking text as a
text cell, so only CSV cells are changed.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with a leading single quote when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def install():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        processed = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(processed)
        return processed

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
