#!/usr/bin/env bash
# make deb: yuedu_VERSION_ARCH.deb from `make install` into a scratch root,
# with dpkg-deb and a control file made here (no debian/ directory: that is
# a distribution packager's, as Debian advises upstreams). Dependencies come
# from dpkg-shlibdeps; lintian checks the result when it is installed.
#   docs/packaging/build-deb.sh BUILD OUT_DIR
set -euo pipefail
build=${1:-build}
out=${2:-$build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
version=$(sed -n 's/^#define YUEDU_VERSION "\(.*\)"/\1/p' "$top/src/cli/cli.h")
arch=$(dpkg --print-architecture)
work=$(mktemp -d "${TMPDIR:-/tmp}/yuedu-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

make -C "$top" --no-print-directory -s install PREFIX=/usr DESTDIR="$root" BUILD="$build"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$root/usr/bin/yuedu"
find "$root/usr/share/man" -name '*.1' -exec gzip -9n {} +
install -d "$root/usr/share/doc/yuedu"
install -m 644 "$here/copyright" "$root/usr/share/doc/yuedu/copyright"
# ICU is linked into the binary (docs/DEPENDENCIES.md): its licence, with the
# licences of the third-party data in it, goes with the binary.
icu_version=$(pkg-config --modversion icu-uc)
icu_license=/usr/share/icu/$icu_version/LICENSE
if [ ! -f "$icu_license" ]; then
    echo "build-deb: $icu_license (libicu-dev) is missing: ICU's licence must go with the binary" >&2
    exit 1
fi
{
    echo
    echo "Files: embedded/icu/*"
    echo "Copyright: 1991-2022 Unicode, Inc. and others"
    echo "Comment: ICU $icu_version, linked statically into usr/bin/yuedu; its LICENSE file follows."
    echo "License: ICU"
    sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' "$icu_license"
} >>"$root/usr/share/doc/yuedu/copyright"
gzip -9nc "$here/changelog" >"$root/usr/share/doc/yuedu/changelog.gz"
chmod 644 "$root/usr/share/doc/yuedu/changelog.gz"

# dpkg-shlibdeps wants a debian/control to read; this one lives and dies here.
mkdir -p "$work/src/debian"
printf 'Source: yuedu\n\nPackage: yuedu\nArchitecture: any\n' >"$work/src/debian/control"
# libxml2 and libzip are loaded with dlopen when a document needs them
# (src/late/late_libraries.c), so the binary does not name them: a stub
# linked against both stands for them.
cat >"$work/late.c" <<'EOF'
void xmlInitParser(void);
void zip_discard(void *archive);
int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 99) { /* never run: a use of each library, so that both count */
        xmlInitParser();
        zip_discard(0);
    }
    return 0;
}
EOF
${CC:-cc} -o "$work/src/late-stub" "$work/late.c" -Wl,--no-as-needed $(pkg-config --libs libxml-2.0 libzip)
depends=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/yuedu" late-stub | sed -n 's/^shlibs:Depends=//p')

install -d "$root/DEBIAN"
{
    echo "Package: yuedu"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: ${DEB_MAINTAINER:-yuedu developers <yuedu@yuedu.invalid>}"
    echo "Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    echo "Depends: $depends"
    echo "Section: text"
    echo "Priority: optional"
    echo "Description: $(cat "$here/description")"
} >"$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 755 {} +

deb=$out/yuedu_${version}_${arch}.deb
mkdir -p "$out"
dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
echo "$deb"
if command -v lintian >/dev/null; then
    # Errors fail the build; warnings are shown.
    lintian --fail-on error "$deb" >&2
fi
