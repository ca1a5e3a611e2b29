#ifndef AUDIENCIA_COPENSSL_SHIM_H
#define AUDIENCIA_COPENSSL_SHIM_H
/* Debian's libwebsockets does not export lws_genhmac, so HMAC and random bytes come from
   OpenSSL's libcrypto, which libwebsockets already pulls in. */
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
/* Checking the TLS certificate and key before libwebsockets loads them. */
#include <openssl/pem.h>
#include <openssl/x509.h>
#endif
