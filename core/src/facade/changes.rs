//! Reviewed changes of the account: the marital status and the address. Each is sent with a
//! photo of its proof (prepared by the core first), reviewed by the portal in working days, and
//! cached as the latest request so the account card shows its state offline.

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{AddressChange, MaritalChange, MaritalStatus, Yaohao};
use crate::client::ClientError;
use crate::client::http::Call;
use crate::documents::DocumentKind;
use crate::i18n::Text;
use crate::validate;

/// One kind of reviewed change: where it lives on the portal, its proof, and its cache mark.
struct ChangeKind {
    /// `GET` the latest, `PUT` a new one.
    path: &'static str,
    /// The proof's kind.
    proof: DocumentKind,
    /// The multipart field carrying the value asked for.
    field: &'static str,
    /// Sync mark holding the latest request (JSON).
    mark: &'static str,
}

const MARITAL: ChangeKind = ChangeKind {
    path: "/v1/me/marital-status",
    proof: DocumentKind::MarriageCertificate,
    field: "status",
    mark: "marital_change",
};

const ADDRESS: ChangeKind = ChangeKind {
    path: "/v1/me/address",
    proof: DocumentKind::AddressProof,
    field: "address",
    mark: "address_change",
};

impl Yaohao {
    /// Asks for a marital-status change with a photo of the certificate; the portal reviews it.
    pub async fn request_marital_change(
        &self,
        status: MaritalStatus,
        certificate: Vec<u8>,
    ) -> Result<MaritalChange, ClientError> {
        self.request_change(&MARITAL, status.as_str().to_owned(), certificate)
            .await
    }

    /// Fetches the latest marital-status change request (`None` if there never was one).
    pub async fn refresh_marital_change(&self) -> Result<Option<MaritalChange>, ClientError> {
        self.refresh_change(&MARITAL).await
    }

    /// The cached marital-status change request (no network).
    pub fn marital_change(&self) -> Result<Option<MaritalChange>, ClientError> {
        self.cached_change(&MARITAL)
    }

    /// Asks for the approved applications' contact address to become `address`, with a photo of
    /// a proof of address; checked by the core first (the full 北京市 form), then reviewed by
    /// the portal.
    pub async fn request_address_change(
        &self,
        address: String,
        proof: Vec<u8>,
    ) -> Result<AddressChange, ClientError> {
        let address = address.trim().to_owned();
        if let Some(reason) = validate::address(&address).errors.into_iter().next() {
            return Err(ClientError::Validation {
                code: reason.code,
                field: Some("address".to_owned()),
                message: Text::new(reason.message_zh, reason.message_en),
            });
        }
        self.request_change(&ADDRESS, address, proof).await
    }

    /// Fetches the latest address change request (`None` if there never was one).
    pub async fn refresh_address_change(&self) -> Result<Option<AddressChange>, ClientError> {
        self.refresh_change(&ADDRESS).await
    }

    /// The cached address change request (no network).
    pub fn address_change(&self) -> Result<Option<AddressChange>, ClientError> {
        self.cached_change(&ADDRESS)
    }

    async fn request_change<T: DeserializeOwned + Serialize>(
        &self,
        kind: &ChangeKind,
        value: String,
        proof: Vec<u8>,
    ) -> Result<T, ClientError> {
        let prepared = self.prepare_document(proof, kind.proof).await?;
        let call = Call::new(Method::PUT, kind.path)
            .file(
                prepared.jpeg,
                format!("{}.jpg", kind.proof.as_str()),
                "image/jpeg",
                vec![(kind.field.to_owned(), value)],
            )
            .once();
        let change: T = Self::body(self.authed(call).await?)?;
        self.store_change(kind, &change)?;
        Ok(change)
    }

    async fn refresh_change<T: DeserializeOwned + Serialize>(
        &self,
        kind: &ChangeKind,
    ) -> Result<Option<T>, ClientError> {
        match self.authed(Call::new(Method::GET, kind.path)).await {
            Ok(reply) => {
                let change: T = Self::body(reply)?;
                self.store_change(kind, &change)?;
                Ok(Some(change))
            }
            Err(ClientError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn cached_change<T: DeserializeOwned>(
        &self,
        kind: &ChangeKind,
    ) -> Result<Option<T>, ClientError> {
        self.cache
            .mark(kind.mark)?
            .map(|json| serde_json::from_str(&json).map_err(ClientError::local))
            .transpose()
    }

    fn store_change<T: Serialize>(&self, kind: &ChangeKind, change: &T) -> Result<(), ClientError> {
        let json = serde_json::to_string(change).map_err(ClientError::local)?;
        Ok(self.cache.set_mark(kind.mark, &json)?)
    }
}
