//! Signed JSON Web Tokens for the push providers: RS256 (FCM's service-account assertion) and
//! ES256 (APNs provider tokens, Web Push VAPID tokens), with keys from PKCS#8 PEM files, signed
//! by `ring`.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, RsaKeyPair};
use serde_json::Value;

use super::PushError;

/// The DER bytes of the first PEM block in `pem`.
pub fn pem_der(pem: &str) -> Result<Vec<u8>, PushError> {
    let body: String = pem
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    STANDARD
        .decode(body)
        .map_err(|e| PushError::retry(format!("key is not PEM: {e}")))
}

fn encode(header: &Value, claims: &Value) -> String {
    let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!("{}.{}", part(header), part(claims))
}

/// An RS256 token over `claims`, signed with the PKCS#8 RSA key `pkcs8`.
pub fn rs256(claims: &Value, pkcs8: &[u8]) -> Result<String, PushError> {
    let key =
        RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| PushError::retry(format!("RSA key: {e}")))?;
    let input = encode(&serde_json::json!({ "alg": "RS256", "typ": "JWT" }), claims);
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(
        &signature::RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        input.as_bytes(),
        &mut sig,
    )
    .map_err(|e| PushError::retry(format!("RS256 signing: {e}")))?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig)))
}

/// An ES256 token over `claims` with key id `kid`, signed with the PKCS#8 P-256 key `pkcs8`.
pub fn es256(kid: &str, claims: &Value, pkcs8: &[u8]) -> Result<String, PushError> {
    let key = EcdsaKeyPair::from_pkcs8(
        &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        pkcs8,
        &SystemRandom::new(),
    )
    .map_err(|e| PushError::retry(format!("EC key: {e}")))?;
    es256_with(
        &key,
        &serde_json::json!({ "alg": "ES256", "kid": kid }),
        claims,
    )
}

/// An ES256 token with `header` over `claims`, signed with the P-256 `key`.
pub fn es256_with(key: &EcdsaKeyPair, header: &Value, claims: &Value) -> Result<String, PushError> {
    let input = encode(header, claims);
    let sig = key
        .sign(&SystemRandom::new(), input.as_bytes())
        .map_err(|e| PushError::retry(format!("ES256 signing: {e}")))?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::KeyPair;

    #[test]
    fn es256_tokens_verify_with_the_public_key() {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .unwrap();
        let token = es256(
            "KEY123",
            &serde_json::json!({ "iss": "TEAM" }),
            pkcs8.as_ref(),
        )
        .unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        let key = EcdsaKeyPair::from_pkcs8(
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            pkcs8.as_ref(),
            &rng,
        )
        .unwrap();
        signature::UnparsedPublicKey::new(
            &signature::ECDSA_P256_SHA256_FIXED,
            key.public_key().as_ref(),
        )
        .verify(input.as_bytes(), &URL_SAFE_NO_PAD.decode(sig).unwrap())
        .unwrap();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            STANDARD.encode(pkcs8.as_ref())
        );
        assert_eq!(pem_der(&pem).unwrap(), pkcs8.as_ref());
    }
}
