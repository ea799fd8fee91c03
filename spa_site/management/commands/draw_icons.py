"""Writes the site icons into static/icons/ (committed; run again after changing the drawing)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image

from spa_site.share_images import PALETTE, render_icon

PNG_ICONS = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


class Command(BaseCommand):
    help = "Draw favicon.ico, the apple-touch icon and the web manifest icons into static/icons/."

    def handle(self, *args, **options):
        folder = Path(__file__).resolve().parents[2] / "static" / "icons"
        folder.mkdir(parents=True, exist_ok=True)
        for name, size in PNG_ICONS.items():
            icon = render_icon(size)
            if name == "apple-touch-icon.png":  # iOS rounds the corners itself, shows alpha black
                square = Image.new("RGB", icon.size, PALETTE["night"])
                square.paste(icon, mask=icon)
                icon = square
            icon.save(folder / name, optimize=True)
        render_icon(64).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        self.stdout.write(f"Icons written to {folder}.")
