/*
 * A stand-in for Windows' bcryptprimitives.dll, for running Rust test binaries under wine.
 *
 * Rust's std (since 1.78) imports ProcessPrng from bcryptprimitives.dll, which wine 8.0 (Debian
 * 12) does not ship: without this DLL every test .exe exits with status 53 before main. This one
 * exports ProcessPrng and fills the buffer from RtlGenRandom (SystemFunction036 in advapi32),
 * which wine implements. It is test scaffolding for .ci/windows.sh only, never shipped.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -s -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>
#include <ntsecapi.h>

/* RtlGenRandom takes a ULONG length: ask for at most this much per call. */
#define CHUNK 0x10000000u

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > CHUNK ? CHUNK : (ULONG)len;
        if (!RtlGenRandom(buf, n))
            return FALSE;
        buf += n;
        len -= n;
    }
    return TRUE;
}
