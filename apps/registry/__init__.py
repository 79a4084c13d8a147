"""The module registry: feature modules declare themselves here; profiles switch them."""
