"""Chinese language work: script conversion (OpenCC + corrections), quotation marks, protected names, the glossary."""
