// Width, glyphs and text bars are shared with the plain-text reports; the dashboard's code uses them as its own.
@_exported import CredStackText
