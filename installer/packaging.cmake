# CPack: a Debian package here; NSIS (Windows) and DragNDrop (macOS) configurations for the
# platforms this machine can't build (see docs/packaging.md for their deployment steps).
set(CPACK_PACKAGE_NAME frontdesk)
set(CPACK_PACKAGE_VENDOR "The FrontDesk developers")
set(CPACK_PACKAGE_CONTACT "FrontDesk developers <packages@frontdesk.app>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Texts back the callers your business missed and books them")
set(CPACK_PACKAGE_DESCRIPTION "FrontDesk recovers the calls a small service business misses.
 The caller gets a text within seconds, a built-in agent qualifies them and
 books a free slot, and the receptionist watches every missed call and
 conversation live and can take any of them over. This package holds the
 desktop app, the headless engine (with its systemd unit) and the
 command-line tool.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL "https://frontdesk.app/")
set(CPACK_PACKAGE_INSTALL_DIRECTORY FrontDesk)
set(CPACK_PACKAGE_EXECUTABLES frontdesk FrontDesk)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\\\.git/")

if(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_DISPLAY_NAME FrontDesk)
    set(CPACK_NSIS_PACKAGE_NAME FrontDesk)
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\frontdesk.exe)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_CREATE_ICONS_EXTRA "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\FrontDesk.lnk' '$INSTDIR\\\\bin\\\\frontdesk.exe'")
    set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\FrontDesk.lnk'")
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME FrontDesk)
    set(CPACK_DMG_FORMAT UDZO)
else()
    set(CPACK_GENERATOR DEB)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION misc)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    # The Qt libraries come from Debian (dpkg-shlibdeps finds them); the plugins it can't see are named.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, adduser")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core, fonts-noto-color-emoji")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
        ${CMAKE_SOURCE_DIR}/installer/debian/postinst
        ${CMAKE_SOURCE_DIR}/installer/debian/prerm
        ${CMAKE_SOURCE_DIR}/installer/debian/postrm)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()

include(CPack)
