export interface Config {
  vitals?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page, in order.
       * `guest` for local use, `microsoft` for Microsoft Entra ID.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'microsoft'>;
    };
  };
}
