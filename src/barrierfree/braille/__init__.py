"""The Health Font: Chinese with pinyin, English and braille for medicine packaging.

Chinese text is read into tone-marked pinyin (segmentation, polyphones, a checked lexicon of medicine names),
written in Chinese braille (National Common Braille GF 0019-2018 or Current Braille), English through liblouis
(UEB grade 1 or 2), and laid out on packaging labels at physical size.
"""
