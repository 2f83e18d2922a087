// Deliberately vulnerable example client session helpers — see examples/README.md.
import jwtDecode from 'jwt-decode';

// "Authorization" on the client from unverified claims.
export function isAdmin(token) {
  return jwtDecode(token).role === 'admin'; // vuln: js/jwt-decode-as-verify
}

// Safe look-alike: reading a display name is not an auth decision.
export function displayName(token) {
  return jwtDecode(token).name; // safe: js/jwt-decode-as-verify
}
