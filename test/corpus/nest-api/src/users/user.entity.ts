export class User {
  id!: number;
  name!: string;
  email!: string;
  isAdmin!: boolean;
}
