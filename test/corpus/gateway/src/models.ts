import { Model } from 'sequelize';

export class Invoice extends Model {}
