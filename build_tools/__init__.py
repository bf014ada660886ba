"""硬科技读本: turn raw Chinese articles into an annotated static reading site."""

__version__ = "0.1.0"
