declare global {
  interface Window {
    /** Base URL of the real UK data served by the test runner, or '' when ATLAS_REAL_DATA is unset. */
    ATLAS_REAL_DATA: string;
  }
}
export {};
