"""Steps shared by the browser journeys, at any width (the menu is collapsed on a phone)."""

import re


def menu_open(page):
    """On a phone the main navigation sits behind the "Menu" button: open it."""
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
        page.locator("#menu-utama.show").wait_for()


def nav_go(page, name):
    """Follow a link of the main navigation by its name."""
    menu_open(page)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def logout(page):
    menu_open(page)
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)
