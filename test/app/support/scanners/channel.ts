/** The BroadcastChannel a test scanner announces itself on from inside the scan's worker thread. */
export const SCANNER_CHANNEL = 'vigil-test-scanner';
