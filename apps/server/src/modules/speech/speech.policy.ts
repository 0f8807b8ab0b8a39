/** Who may do what with media streams: the streams themselves are opened by vendors with signed URLs; only admins see the Exotel applet URL. */
import type { Role } from '@telehub/shared';

export const speechPolicy = {
  roles: {
    /** The Exotel stream applet URL is a credential for every call's audio. */
    exotelApplet: ['admin'] as const satisfies readonly Role[],
  },
};
