# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE). The DEB installs below
# /usr, as Debian packages do; the TGZ keeps bin/ and share/ at its top, to unpack anywhere.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
endif()
